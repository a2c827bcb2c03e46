/** The parts of a zod issue this file reads (zod 4's `$ZodIssue`, loosely). */
export interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: Issue[][];
}

export interface FieldError {
  path: string;
  message: string;
}

const join = (path: PropertyKey[]) => path.map(String).join('.') || '(root)';

/**
 * Turns zod issues into `{path, message}` a person can act on: an unknown field is named by its
 * own path, and a failed union reports the branch that came closest, with its fields' paths.
 */
export function fieldErrors(issues: Issue[], prefix: PropertyKey[] = []): FieldError[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({ path: join([...path, key]), message: `Unknown field "${key}".` }));
    }
    if (issue.code === 'invalid_union' && issue.errors?.length) {
      // Fewest issues first; between equals, the branch that got deepest into the value (a list
      // whose one wrong item is named, rather than "not a preset name").
      const depth = (branch: Issue[]) => Math.max(0, ...branch.map((entry) => entry.path.length));
      const closest = [...issue.errors].sort((a, b) => a.length - b.length || depth(b) - depth(a))[0] ?? [];
      if (closest.length > 0) return fieldErrors(closest, path);
    }
    return [{ path: join(path), message: issue.message }];
  });
}
