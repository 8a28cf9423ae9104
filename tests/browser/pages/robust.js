// Host page for tests/browser/robustness.test.mjs: exposes the module to the
// test (which drives everything through page.evaluate).
import init, * as hc from "/www/pkg/housing_charts.js";
await init();
window.hc = hc;
window.ready = true;
