import { AutoTopupBanner } from './auto-topup-banner';
import { TopupReturn } from './topup-return';

/** What every signed-in page shows about payments: the return from checkout, and a failed auto top-up. */
export function PaymentNotices() {
  return (
    <>
      <TopupReturn />
      <AutoTopupBanner />
    </>
  );
}
