import { load, reportLoad } from './support/load';
import { startProduct } from './support/product';

// The baseline: the cheapest route through the whole HTTP stack. Every API benchmark compares against it.
const product = await startProduct();
try {
  await load({ url: `${product.baseUrl}/healthz`, duration: 2 }); // warm-up
  reportLoad('healthz', await load({ url: `${product.baseUrl}/healthz` }));
} finally {
  await product.stop();
}
