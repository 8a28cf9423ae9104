// Host page for tests/browser/robustness.test.mjs: exposes the module to the
// test (which drives everything through page.evaluate).
import init, * as hc from "/www/pkg/housing_charts.js";
await init();
// The built-in datasets are not in the wasm: the test pages give them all.
const text = async (name) => (await fetch(`/www/pkg/datasets/${name}.json`)).text();
for (const name of hc.builtInDatasets()) hc.addDataset(await text(name));
hc.setDatasetLoader(text);
window.hc = hc;
window.ready = true;
