/**
 * PostgreSQL statements that make issued invoices immutable (DATA-05), whoever connects: the application, an admin
 * tool or psql. Only `status` and `paid_at` may change; deleting is refused. The comparison covers every column,
 * including columns added later, because it compares the whole row minus those two. A migration runs them as they
 * are; the embedded SQLite mode has no such backstop.
 */
export const INVOICE_IMMUTABILITY_SQL: string[] = [
  `create or replace function invoice_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'Invoice % is issued and cannot be deleted; issue a credit note instead.', old.number
      using errcode = 'P0001', hint = 'Issued invoices are immutable (DATA-05).';
  end if;
  if (to_jsonb(new) - 'status' - 'paid_at') is distinct from (to_jsonb(old) - 'status' - 'paid_at') then
    raise exception 'Invoice % is issued: only its status and payment date may change; issue a credit note to correct it.', old.number
      using errcode = 'P0001', hint = 'Issued invoices are immutable (DATA-05).';
  end if;
  return new;
end
$$`,
  'create or replace trigger invoice_immutable_update before update on invoice for each row execute function invoice_immutable()',
  'create or replace trigger invoice_immutable_delete before delete on invoice for each row execute function invoice_immutable()',
];

/** The reverse, for the migration's `down`. */
export const INVOICE_IMMUTABILITY_DOWN_SQL: string[] = [
  'drop trigger if exists invoice_immutable_delete on invoice',
  'drop trigger if exists invoice_immutable_update on invoice',
  'drop function if exists invoice_immutable()',
];
