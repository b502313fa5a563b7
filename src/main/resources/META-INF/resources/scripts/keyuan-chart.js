// Draws a Keyuan chart element with Apache ECharts: its option comes as JSON in data-option; without one the
// element shows the explanation in data-empty. Redraws when the element is resized; an element drawn again
// (new figures) reuses its chart instance.
window.keyuanChart = function (el) {
  const json = el.getAttribute('data-option');
  let chart = window.echarts.getInstanceByDom(el);
  if (!json) {
    if (chart) { chart.dispose(); }
    el.textContent = el.getAttribute('data-empty') || '';
    el.classList.add('keyuan-chart-empty');
    return;
  }
  el.classList.remove('keyuan-chart-empty');
  if (!chart) {
    el.textContent = '';
    chart = window.echarts.init(el, null, { renderer: 'svg' });
  }
  chart.setOption(JSON.parse(json), true);
  if (!el.keyuanResize) {
    el.keyuanResize = new ResizeObserver(() => { const c = window.echarts.getInstanceByDom(el); if (c) { c.resize(); } });
    el.keyuanResize.observe(el);
  }
};
