import type { ReactNode } from 'react';
import { Form } from 'react-router';
import type { FormError } from '../../lib/api-error';
import { FieldError, invalidProps } from '../FieldError';
import type { ReportPeriod } from './period';

/** Which organization or brand a report is about, for a person working for several (`?organisation=`, `?marque=`). */
export interface ReportSubjectChoice {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  current: string;
}

/**
 * The report's filters, as a GET form (the address says what is shown, and can be shared): who it is about when
 * there is a choice, the period (`du`, `au`) and whatever `children` add. The API's errors show next to the field they
 * name; the form keeps what was typed.
 */
export function ReportFilters({
  subject,
  period,
  error,
  children,
}: {
  subject?: ReportSubjectChoice;
  period: ReportPeriod;
  error: FormError | null;
  children?: ReactNode;
}) {
  return (
    <Form method="get" className="report-filters" noValidate>
      {subject && subject.options.length > 1 ? (
        <div className="field">
          <label htmlFor={subject.name}>{subject.label}</label>
          <select id={subject.name} name={subject.name} defaultValue={subject.current}>
            {subject.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="du">Du</label>
        <input
          id="du"
          name="du"
          type="date"
          required
          defaultValue={period.from}
          {...invalidProps(error, 'from', 'du-error')}
        />
        <FieldError error={error} field="from" id="du-error" />
      </div>
      <div className="field">
        <label htmlFor="au">Au (inclus)</label>
        <input
          id="au"
          name="au"
          type="date"
          required
          defaultValue={period.to}
          {...invalidProps(error, 'to', 'au-error')}
        />
        <FieldError error={error} field="to" id="au-error" />
      </div>
      {children}
      <div className="report-filters__submit">
        <button type="submit">Afficher</button>
      </div>
    </Form>
  );
}
