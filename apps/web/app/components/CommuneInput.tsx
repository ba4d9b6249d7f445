import { useEffect, useId, useState } from 'react';
import { type CommuneLike as Suggestion, communeLabel } from '../lib/catalogue';

/** A commune's label as the field shows and the catalogue reads it back: "Guéret (23000)". */
export { communeLabel };

/**
 * A commune field with suggestions as one types (a native datalist: keyboard and screen readers know it). Without
 * JavaScript it is a plain text field that the catalogue resolves to the first matching commune.
 */
export function CommuneInput({
  name,
  defaultValue,
  id,
  label,
  error,
  hint,
}: {
  name: string;
  defaultValue?: string;
  id: string;
  label: string;
  /** Why the page could not search around what was typed, shown under the field. */
  error?: string | null;
  /** What an empty field means, shown under it. */
  hint?: string | null;
}) {
  const listId = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  const [value, setValue] = useState(defaultValue ?? '');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    const q = value.replace(/\s*\(.*$/, '').trim();
    // Nothing to suggest before the visitor types (the page already resolved what the field shows).
    if (q.length < 2 || value === (defaultValue ?? '')) return;
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
  }, [value, defaultValue]);
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
        {...(error ? { 'aria-invalid': true } : {})}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
      />
      <datalist id={listId}>
        {suggestions.map((c) => (
          <option key={c.inseeCode} value={communeLabel(c)} />
        ))}
      </datalist>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
