/**
 * Text a person typed for a name, a note, a description or an email: no C0 control characters
 * and no DEL. They have no place there, and they hide text from the people who read it later
 * (a carriage return that rewrites a log line, a NUL that cuts a string short).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const NO_CONTROL_CHARACTERS = /^[^\x00-\x1f\x7f]*$/;

export const CONTROL_CHARACTERS_REFUSED = 'Control characters (line breaks, tabs, NUL, DEL) are not allowed here.';
