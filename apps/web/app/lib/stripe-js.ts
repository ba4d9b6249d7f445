/** The subset of Stripe.js (v3) the payment page uses: https://docs.stripe.com/js */
export interface StripeJs {
  elements(options: { clientSecret: string; locale?: string; appearance?: unknown }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    confirmParams: { return_url: string };
  }): Promise<{ error?: StripeJsError }>;
}
export interface StripeElements {
  create(type: 'payment', options?: unknown): { mount(target: string | HTMLElement): void; destroy(): void };
  submit(): Promise<{ error?: StripeJsError }>;
}
export interface StripeJsError {
  type: string;
  code?: string;
  decline_code?: string;
  message?: string;
}

declare global {
  interface Window {
    Stripe?: (publishableKey: string) => StripeJs;
  }
}

let loading: Promise<NonNullable<Window['Stripe']>> | undefined;

/** Loads Stripe.js once, from Stripe (or, in the tests, from the fake Stripe's address). */
export function loadStripeJs(src: string): Promise<NonNullable<Window['Stripe']>> {
  loading ??= new Promise((resolve, reject) => {
    if (window.Stripe) return resolve(window.Stripe);
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not load')));
    script.onerror = () => {
      loading = undefined;
      reject(new Error('Stripe.js did not load'));
    };
    document.head.append(script);
  });
  return loading;
}

/** Stripe's refusals in French: the decline code is kept so the buyer can tell their bank. */
export function cardErrorMessage(error: StripeJsError): string {
  if (error.code === 'card_declined') {
    return `Votre carte a été refusée${error.decline_code ? ` (motif\u00a0: ${error.decline_code})` : ''}. Essayez une autre carte ou contactez votre banque.`;
  }
  if (error.code === 'expired_card') return 'Votre carte a expiré.';
  if (error.code === 'incorrect_cvc') return 'Le cryptogramme visuel (CVC) est incorrect.';
  if (error.code === 'insufficient_funds') return 'Les fonds sont insuffisants sur cette carte.';
  return error.message
    ? `Le paiement n'a pas abouti\u00a0: ${error.message}`
    : "Le paiement n'a pas abouti. Réessayez.";
}
