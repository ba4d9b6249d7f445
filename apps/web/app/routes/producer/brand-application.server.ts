import { data } from 'react-router';
import { graphql } from '../../graphql';
import { apiMutation, type ApiCaller, formErrorOf } from '../../lib/api.server';

const APPLY_TO_BRAND = graphql(`
  mutation ApplyToBrand($brandId: ID!, $producerId: ID!, $message: String) {
    applyToBrand(brandId: $brandId, producerId: $producerId, message: $message) {
      id
      status
      brand {
        id
        name
      }
    }
  }
`);

/** The `candidater` intent of a producer page (BrandApplyForm): the application sent, or the API's refusal. */
export async function applyToBrand(caller: ApiCaller, form: FormData) {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const brandId = text('marque');
  try {
    const { applyToBrand: applied } = await apiMutation(caller, APPLY_TO_BRAND, {
      brandId,
      producerId: text('producteur'),
      message: text('message') || null,
    });
    return { kind: 'applied' as const, brandId: applied.brand.id, status: applied.status };
  } catch (error) {
    return data(
      { kind: 'apply-failed' as const, brandId, error: formErrorOf(error), message: String(form.get('message') ?? '') },
      { status: 400 },
    );
  }
}
