import { dateTime, LABEL_STATUS_LABELS } from '../../lib/format';

/** A product's label request as the producer's pages read it (Product.labelRequests). */
export interface LabelRequest {
  id: string;
  status: string;
  reason: string | null;
  requestedAt: string;
  decidedAt: string | null;
  suspended: boolean;
  brand: { id: string; name: string };
}

/** Where one request stands, and the brand's reason when it refused or withdrew the label. */
export function LabelStatus({ request }: { request: LabelRequest }) {
  if (request.status === 'APPROVED') {
    return request.suspended ? (
      <span className="tag tag--decision-revoked">
        Label suspendu&nbsp;: votre adhésion à la marque n’est plus active
      </span>
    ) : (
      <span className="tag tag--decision-approved">
        Label accordé{request.decidedAt ? ` le ${dateTime(request.decidedAt)}` : ''}
      </span>
    );
  }
  if (request.status === 'PENDING')
    return <span className="tag tag--status">Demande en attente depuis le {dateTime(request.requestedAt)}</span>;
  return (
    <span className="product-labels__refusal">
      <span className={`tag tag--decision-${request.status.toLowerCase()}`}>
        Label {(LABEL_STATUS_LABELS[request.status] ?? request.status).toLowerCase()}
        {request.decidedAt ? ` le ${dateTime(request.decidedAt)}` : ''}
      </span>
      {request.reason ? <span className="small"> Motif de la marque&nbsp;: «&nbsp;{request.reason}&nbsp;»</span> : null}
    </span>
  );
}
