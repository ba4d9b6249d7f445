import { useEffect, useId, useState } from 'react';

interface Suggestion {
  inseeCode: string;
  name: string;
  postalCodes: string[];
}

/** A commune's label as the field shows and the catalogue reads it back: "Guéret (23000)". */
export const communeLabel = (c: Suggestion): string => `${c.name} (${c.postalCodes[0] ?? c.inseeCode})`;

/**
 * A commune field with suggestions as one types (a native datalist: keyboard and screen readers know it). Without
 * JavaScript it is a plain text field that the catalogue resolves to the first matching commune.
 */
export function CommuneInput({ name, defaultValue, id, label }: { name: string; defaultValue?: string; id: string; label: string }) {
  const listId = useId();
  const [value, setValue] = useState(defaultValue ?? '');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    const q = value.replace(/\s*\(.*$/, '').trim();
    if (q.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/communes.json?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : []))
        .then((list: Suggestion[]) => setSuggestions(list))
        .catch(() => undefined);
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        list={listId}
        autoComplete="off"
        placeholder="Ex. Guéret ou 23000"
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <datalist id={listId}>
        {suggestions.map((c) => (
          <option key={c.inseeCode} value={communeLabel(c)} />
        ))}
      </datalist>
    </div>
  );
}
