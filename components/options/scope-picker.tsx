import { useState } from 'preact/hooks';
import type { ApiMethods, ScopePreset } from '../../lib/domain/personal-token';

export type ScopeChoice = { kind: 'preset'; preset: ScopePreset } | { kind: 'custom'; methods: string[] };

const PRESET_LABELS: Record<ScopePreset, string> = {
  'full-access': 'Full access',
  tester: 'Tester',
  'read-only': 'Read only',
  ci: 'CI',
};

/** A preset, or a custom set of API methods with a search field, an *Only checked* filter and each method's description. */
export function ScopePicker({
  methods,
  value,
  onChange,
}: {
  methods: ApiMethods;
  value: ScopeChoice;
  onChange: (value: ScopeChoice) => void;
}) {
  const [search, setSearch] = useState('');
  const [onlyChecked, setOnlyChecked] = useState(false);
  const presetMethods = (preset: ScopePreset) => methods.presets.find((entry) => entry.name === preset)?.methods ?? [];
  const checked = new Set(value.kind === 'custom' ? value.methods : presetMethods(value.preset));
  const needle = search.trim().toLowerCase();
  const shown = methods.methods.filter(
    (method) =>
      (!onlyChecked || checked.has(method.id)) &&
      (!needle || method.id.toLowerCase().includes(needle) || method.description.toLowerCase().includes(needle)),
  );

  const toggle = (id: string, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(id);
    else next.delete(id);
    onChange({ kind: 'custom', methods: methods.methods.map((method) => method.id).filter((m) => next.has(m)) });
  };

  return (
    <fieldset class="tl-scopes">
      <legend>API methods</legend>
      <label for="tl-preset">Preset</label>
      <select
        id="tl-preset"
        value={value.kind === 'preset' ? value.preset : 'custom'}
        onChange={(event) => {
          const choice = event.currentTarget.value;
          const preset = methods.presets.find((entry) => entry.name === choice);
          onChange(preset ? { kind: 'preset', preset: preset.name } : { kind: 'custom', methods: [...checked] });
        }}
      >
        {methods.presets.map((preset) => (
          <option key={preset.name} value={preset.name}>
            {PRESET_LABELS[preset.name]} ({preset.methods.length} methods)
          </option>
        ))}
        <option value="custom">Custom</option>
      </select>
      <div class="tl-row">
        <label for="tl-method-search">Search API methods</label>
        <input
          id="tl-method-search"
          type="search"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
        <label class="tl-check">
          <input
            type="checkbox"
            checked={onlyChecked}
            onChange={(event) => setOnlyChecked(event.currentTarget.checked)}
          />
          Only checked
        </label>
      </div>
      <ul class="tl-methods" aria-label="API methods">
        {shown.map((method) => (
          <li key={method.id}>
            <label title={method.description}>
              <input
                type="checkbox"
                checked={checked.has(method.id)}
                onChange={(event) => toggle(method.id, event.currentTarget.checked)}
              />
              <code>{method.id}</code> <span class="tl-muted">{method.description}</span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li class="tl-muted">No API method matches.</li>}
      </ul>
      <p class="tl-muted" aria-live="polite">
        {checked.size} of {methods.methods.length} methods
        {value.kind === 'preset' ? ` (preset ${PRESET_LABELS[value.preset]})` : ''}
      </p>
    </fieldset>
  );
}

export const scopesOf = (choice: ScopeChoice): ScopePreset | string[] =>
  choice.kind === 'preset' ? choice.preset : choice.methods;

export const describeScopes = (preset: ScopePreset | null, scopes: string[]): string =>
  preset
    ? PRESET_LABELS[preset]
    : `${scopes.length} method${scopes.length === 1 ? '' : 's'}: ${scopes.slice(0, 3).join(', ')}${scopes.length > 3 ? '…' : ''}`;
