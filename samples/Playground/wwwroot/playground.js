// The playground page: reads the configuration from the URL fragment, asks the server for a session, and draws every
// snapshot the server streams (GET /api/sessions/{id}/events). All numbers come from the server, i.e. from NeuralNet's
// own EpochReport/LayerReport; this file only draws them. Hand-written canvas drawing: no library, nothing from a CDN.
'use strict';

const MAX_HISTORY = 1000;            // points per line chart; older points are thinned out, never dropped wholesale
const ORANGE = [232, 133, 58], WHITE = [255, 255, 255], BLUE = [47, 111, 176];
const LAYER_COLOURS = ['#d62728', '#ff7f0e', '#bcbd22', '#2ca02c', '#17becf', '#1f77b4', '#9467bd', '#8c564b'];

const $ = (id) => document.getElementById(id);
const state = { options: null, session: null, events: null, playing: false, history: [], lastEpoch: -1, restarted: false };

// ---- colours: orange (low) → white → blue (high), TensorFlow Playground's scale ---------------------------------------
const PALETTE = Array.from({ length: 256 }, (_, i) => {
  const t = i / 255, [from, to, u] = t < 0.5 ? [ORANGE, WHITE, t * 2] : [WHITE, BLUE, t * 2 - 1];
  return from.map((c, k) => Math.round(c + (to[k] - c) * u));
});
const rgb = (c, alpha = 1) => `rgba(${c[0]},${c[1]},${c[2]},${alpha})`;

// ---- the configuration: URL fragment ⇄ controls ----------------------------------------------------------------------
function readFragment() {
  const config = {};
  for (const pair of location.hash.replace(/^#/, '').split('&')) {
    if (!pair) continue;
    const [key, value = ''] = pair.split('=');
    config[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return config;
}

function controlValues() {
  const config = {};
  for (const key of state.options.keys) {
    const control = $(key);
    config[key] = control.type === 'checkbox' ? String(control.checked) : control.value.trim();
  }
  return config;
}

function showConfig(config) {
  for (const key of state.options.keys) {
    const control = $(key);
    if (!control || config[key] === undefined) continue;
    if (control.type === 'checkbox') control.checked = config[key] === 'true';
    else control.value = config[key];
  }
}

function buildControls(options) {
  const lists = { dataset: options.datasets, activation: options.activations, init: options.initializers, optimizer: options.optimizers };
  for (const [key, values] of Object.entries(lists)) {
    const select = $(key);
    for (const value of values) select.append(new Option(value, value));
  }
  $('noise').max = options.limits.maxNoise;
  $('points').min = options.limits.minPoints;
  $('points').max = options.limits.maxPoints;
  $('trainFraction').min = options.limits.minTrainFraction;
  $('trainFraction').max = options.limits.maxTrainFraction;
  $('learningRate').max = options.limits.maxLearningRate;
  for (const key of options.keys) {
    $(key).addEventListener('change', () => {
      state.resumePlaying = state.playing;
      location.hash = Object.entries(controlValues()).map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&');
    });
  }
}

// ---- the session: create, watch, control ------------------------------------------------------------------------------
async function startSession() {
  closeSession();
  showMessage('');
  const config = readFragment();
  const response = await fetch('/api/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(config) });
  const body = await response.json();
  if (!response.ok) {
    showConfig({ ...state.options.defaults, ...config });
    showMessage(describeProblem(body));
    return;
  }
  state.session = body;
  state.history = [];
  state.lastEpoch = -1;
  showConfig(body.config);
  $('network-name').textContent = body.network;
  const events = new EventSource(`/api/sessions/${body.id}/events`);
  events.onmessage = (event) => draw(JSON.parse(event.data));
  events.onerror = () => {
    if (events.readyState !== EventSource.CLOSED || state.events !== events) return;
    if (!state.restarted) { state.restarted = true; startSession(); return; }    // e.g. the server was restarted
    showMessage('The connection to the playground server was lost. Reload the page to start again.');
  };
  state.events = events;
  if (state.resumePlaying) { state.resumePlaying = false; command('play'); }
}

function closeSession() {
  if (state.events) state.events.close();
  state.events = null;
  if (state.session) fetch(`/api/sessions/${state.session.id}`, { method: 'DELETE', keepalive: true }).catch(() => {});
  state.session = null;
}

async function command(name) {
  if (!state.session) return;
  const response = await fetch(`/api/sessions/${state.session.id}/${name}`, { method: 'POST' });
  if (response.status === 404) startSession();
}

function describeProblem(problem) {
  if (problem.errors) return Object.entries(problem.errors).map(([key, messages]) => `${key}: ${messages.join(' ')}`).join('\n');
  return problem.detail || problem.title || 'The server refused the configuration.';
}

function showMessage(text) {
  $('message').textContent = text;
  $('message').hidden = !text;
}

// ---- one snapshot ----------------------------------------------------------------------------------------------------
function draw(snapshot) {
  if (snapshot.epoch < state.lastEpoch) state.history = [];       // a reset
  if (snapshot.epoch > state.lastEpoch && snapshot.trainLoss != null) remember(snapshot);
  state.lastEpoch = snapshot.epoch;
  state.playing = snapshot.playing;
  $('play').textContent = snapshot.playing ? '❚❚ Pause' : '▶ Play';
  $('epoch').textContent = snapshot.epoch;
  $('loss').textContent = format(snapshot.trainLoss);
  $('test-loss').textContent = format(snapshot.testLoss);
  $('test-accuracy').textContent = snapshot.testAccuracy == null ? '–' : `${(100 * snapshot.testAccuracy).toFixed(1)} %`;
  if (snapshot.error) showMessage(snapshot.error);
  drawGraph(snapshot);
  drawBoundary(snapshot);
  drawLossChart();
  drawGradientTable(snapshot);
  drawGradientChart(snapshot);
}

function remember(snapshot) {
  const hidden = snapshot.layers.filter((layer) => !layer.isOutput);
  state.history.push({ epoch: snapshot.epoch, train: snapshot.trainLoss, test: snapshot.testLoss, gradients: hidden.map((l) => l.biasGradientNorm) });
  if (state.history.length > MAX_HISTORY) state.history = state.history.filter((_, i) => i % 2 === 0 || i === state.history.length - 1);
}

const format = (x) => (x == null ? '–' : Number(x.toPrecision(4)).toString());
const percent = (x) => (x == null ? '–' : `${Math.round(100 * x)} %`);

// ---- heatmaps: bytes → a small canvas, drawn scaled ----------------------------------------------------------------
const scratch = new Map();
function heatmapCanvas(bytes, offset, size) {
  if (!scratch.has(size)) scratch.set(size, document.createElement('canvas'));
  const canvas = scratch.get(size);
  canvas.width = canvas.height = size;
  const context = canvas.getContext('2d');
  const image = context.createImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const c = PALETTE[bytes[offset + i]];
    image.data.set([c[0], c[1], c[2], 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

const decode = (base64) => Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));

function inputHeatmaps(size) {
  const bytes = new Uint8Array(2 * size * size);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      bytes[r * size + c] = Math.round((255 * (c + 0.5)) / size);                          // x₁ grows to the right
      bytes[size * size + r * size + c] = Math.round(255 - (255 * (r + 0.5)) / size);     // x₂ grows upwards
    }
  return bytes;
}

// ---- the network graph -------------------------------------------------------------------------------------------------
function drawGraph(snapshot) {
  const canvas = $('graph');
  const columns = [{ units: 2, label: 'input x₁, x₂', bytes: inputHeatmaps(12), size: 12 }]
    .concat(snapshot.layers.map((layer) => ({
      units: layer.units, size: layer.heatmapSize, bytes: decode(layer.heatmaps), weights: layer.weights,
      label: layer.isOutput ? 'output σ' : `layer ${layer.layer}${layer.batchNorm ? ' +BN' : ''}`,
      detail: layer.isOutput ? '' : `sat ${percent(layer.saturatedFraction)} · dead ${percent(layer.deadFraction)}`,
    })));
  const most = Math.max(...columns.map((c) => c.units));
  const node = most <= 8 ? 34 : most <= 16 ? 22 : 12, gap = most <= 16 ? 6 : 3;
  canvas.width = canvas.clientWidth || 900;
  canvas.height = Math.max(160, most * (node + gap) + 50);
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, canvas.width, canvas.height);
  const step = (canvas.width - node - 20) / (columns.length - 1);
  const positions = columns.map((column, k) => {
    const top = 20 + (canvas.height - 50 - column.units * (node + gap)) / 2;
    return Array.from({ length: column.units }, (_, i) => ({ x: 10 + k * step, y: top + i * (node + gap) }));
  });
  for (let k = 1; k < columns.length; k++) {                 // weights first, under the units
    const weights = columns[k].weights;
    for (let i = 0; i < weights.length; i++)
      for (let j = 0; j < weights[i].length; j++) {
        const w = weights[i][j], from = positions[k - 1][j], to = positions[k][i];
        context.strokeStyle = rgb(w >= 0 ? BLUE : ORANGE, 0.55);
        context.lineWidth = Math.min(5, 0.3 + 1.5 * Math.abs(w));
        context.beginPath();
        context.moveTo(from.x + node, from.y + node / 2);
        context.lineTo(to.x, to.y + node / 2);
        context.stroke();
      }
  }
  context.imageSmoothingEnabled = true;
  columns.forEach((column, k) => {
    for (let i = 0; i < column.units; i++) {
      const { x, y } = positions[k][i];
      context.drawImage(heatmapCanvas(column.bytes, i * column.size * column.size, column.size), x, y, node, node);
      context.strokeStyle = '#999';
      context.lineWidth = 1;
      context.strokeRect(x + 0.5, y + 0.5, node - 1, node - 1);
    }
    context.fillStyle = '#333';
    context.font = '12px system-ui, sans-serif';
    context.textAlign = k === 0 ? 'left' : k === columns.length - 1 ? 'right' : 'center';
    const x = k === 0 ? 10 : k === columns.length - 1 ? 10 + k * step + node : 10 + k * step + node / 2;
    context.fillText(column.label, x, 13);
    if (column.detail) {
      context.fillStyle = '#777';
      context.fillText(column.detail, x, canvas.height - 8);
    }
  });
}

// ---- the decision boundary with the points ----------------------------------------------------------------------------
function drawBoundary(snapshot) {
  const canvas = $('boundary'), context = canvas.getContext('2d');
  const output = snapshot.layers[snapshot.layers.length - 1];
  context.imageSmoothingEnabled = true;
  context.drawImage(heatmapCanvas(decode(output.heatmaps), 0, output.heatmapSize), 0, 0, canvas.width, canvas.height);
  const e = snapshot.extent, toX = (x) => ((x + e) / (2 * e)) * canvas.width, toY = (y) => ((e - y) / (2 * e)) * canvas.height;
  const dot = (point, test) => {
    const [x, y] = [toX(point[0]), toY(point[1])];
    context.fillStyle = rgb(point[2] === 1 ? BLUE : ORANGE);
    context.strokeStyle = test ? '#000' : '#fff';
    context.lineWidth = 1;
    context.beginPath();
    if (test) { context.moveTo(x, y - 4.5); context.lineTo(x + 4.5, y); context.lineTo(x, y + 4.5); context.lineTo(x - 4.5, y); context.closePath(); }
    else context.arc(x, y, 3.5, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
  };
  if (!state.session) return;
  state.session.train.forEach((p) => dot(p, false));
  state.session.test.forEach((p) => dot(p, true));
}

// ---- line charts ---------------------------------------------------------------------------------------------------------
function chart(canvas, series, { log }) {
  const context = canvas.getContext('2d');
  const [w, h, left, bottom] = [canvas.width, canvas.height, 46, 20];
  context.clearRect(0, 0, w, h);
  const values = series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => v != null && (!log || v > 0));
  if (!values.length) return;
  const transform = log ? Math.log10 : (v) => v;
  let [low, high] = [Math.min(...values.map(transform)), Math.max(...values.map(transform))];
  if (log) { low = Math.floor(low); high = Math.ceil(high); } else { low = Math.min(0, low); }
  if (high - low < 1e-12) high = low + 1;
  const epochs = series.flatMap((s) => s.points.map((p) => p[0]));
  const [first, last] = [Math.min(...epochs), Math.max(...epochs, Math.min(...epochs) + 1)];
  const px = (epoch) => left + ((epoch - first) / (last - first)) * (w - left - 8);
  const py = (v) => 6 + (1 - (transform(v) - low) / (high - low)) * (h - bottom - 6);
  context.strokeStyle = '#ccc';
  context.fillStyle = '#777';
  context.font = '11px system-ui, sans-serif';
  context.lineWidth = 1;
  const ticks = log ? Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i)) : [low, (low + high) / 2, high];
  context.textAlign = 'right';
  for (const tick of ticks) {
    const y = py(tick);
    context.beginPath(); context.moveTo(left, y); context.lineTo(w - 8, y); context.stroke();
    context.fillText(log ? `1e${Math.round(Math.log10(tick))}` : Number(tick.toPrecision(2)).toString(), left - 4, y + 4);
  }
  context.textAlign = 'center';
  context.fillText(`epoch ${first}`, left + 20, h - 4);
  context.fillText(`${last}`, w - 20, h - 4);
  for (const s of series) {
    context.strokeStyle = s.colour;
    context.lineWidth = 1.6;
    context.setLineDash(s.dashed ? [5, 3] : []);
    context.beginPath();
    let drawing = false;
    for (const [epoch, v] of s.points) {
      if (v == null || (log && !(v > 0))) { drawing = false; continue; }
      if (drawing) context.lineTo(px(epoch), py(v)); else context.moveTo(px(epoch), py(v));
      drawing = true;
    }
    context.stroke();
  }
  context.setLineDash([]);
}

function drawLossChart() {
  chart($('loss-chart'), [
    { colour: '#333', points: state.history.map((p) => [p.epoch, p.train]) },
    { colour: '#333', dashed: true, points: state.history.map((p) => [p.epoch, p.test]) },
  ], { log: false });
}

function drawGradientChart(snapshot) {
  const hidden = snapshot.layers.filter((layer) => !layer.isOutput);
  chart($('gradient-chart'), hidden.map((layer, l) => ({
    colour: LAYER_COLOURS[l % LAYER_COLOURS.length],
    points: state.history.map((p) => [p.epoch, p.gradients[l]]),
  })), { log: true });
  const legend = $('gradient-legend');
  if (legend.childElementCount !== hidden.length) {
    legend.replaceChildren(...hidden.map((layer, l) => {
      const item = document.createElement('span'), swatch = document.createElement('i');
      swatch.style.background = LAYER_COLOURS[l % LAYER_COLOURS.length];
      item.append(swatch, `layer ${layer.layer}`);
      return item;
    }));
  }
}

// ---- per-layer bars: ‖∂C/∂b‖ and ‖∂C/∂W‖/‖W‖ on a log scale from 1e-6 to 10 --------------------------------------------
function logBar(value, className) {
  const track = document.createElement('div'), bar = document.createElement('div');
  track.className = 'bar-track';
  bar.className = `bar ${className}`;
  bar.style.width = value > 0 ? `${Math.max(1, Math.min(100, ((Math.log10(value) + 6) / 7) * 100))}%` : '0';
  track.append(bar);
  return track;
}

function drawGradientTable(snapshot) {
  const table = document.createElement('table');
  const head = table.insertRow();
  for (const title of ['layer', '‖∂C/∂b‖', '', '‖∂C/∂W‖ / ‖W‖', '', 'saturated', 'dead']) {
    const th = document.createElement('th');
    th.textContent = title;
    head.append(th);
  }
  for (const layer of snapshot.layers.filter((l) => !l.isOutput)) {
    const row = table.insertRow();
    row.insertCell().textContent = `${layer.layer}${layer.batchNorm ? ' (β)' : ''}`;
    const value = document.createElement('output');
    value.dataset.testid = `gradient-norm-${layer.layer}`;
    value.textContent = layer.biasGradientNorm == null ? '–' : Number(layer.biasGradientNorm.toPrecision(4)).toString();
    row.insertCell().append(value);
    row.insertCell().append(logBar(layer.biasGradientNorm, 'bias'));
    row.insertCell().textContent = format(layer.relativeWeightGradient);
    row.insertCell().append(logBar(layer.relativeWeightGradient, 'relative'));
    row.insertCell().textContent = percent(layer.saturatedFraction);
    row.insertCell().textContent = percent(layer.deadFraction);
  }
  $('gradients').replaceChildren(table);
}

// ---- start ---------------------------------------------------------------------------------------------------------------
async function main() {
  state.options = await (await fetch('/api/options')).json();
  buildControls(state.options);
  $('play').addEventListener('click', () => { state.playing = !state.playing; command(state.playing ? 'play' : 'pause'); });
  $('step').addEventListener('click', () => command('step'));
  $('reset').addEventListener('click', () => command('reset'));
  window.addEventListener('hashchange', startSession);
  window.addEventListener('pagehide', closeSession);
  await startSession();
}

main();
