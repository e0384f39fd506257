'use strict';
// The latent explorer's page: a canvas scatter of the codes, the decoder's image at the pointer,
// nearest real rows, pins and the interpolation between two pins. window.latentExplorer exposes
// the state a test (or a curious user's console) reads.
(function () {
  const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  const STRIP_STEPS = 10;
  const NEIGHBOURS = 5;
  const scatter = document.getElementById('scatter');
  const ctx = scatter.getContext('2d');
  const decodedCanvas = document.getElementById('decoded');
  const state = {
    data: null, view: null, pins: [], pointerZ: null, decodedZ: null, decodedPixels: null,
    latencies: [], strip: [], plane: { kind: 'dims', x: 0, y: 1, hold: 'mean' },
  };
  window.latentExplorer = state;

  const fmt = (v) => (Math.round(v * 1e4) / 1e4).toString();
  const zParam = (z) => Array.from(z, (v) => String(v)).join(',');

  function colourOf(label) {
    if (label === null) return '#555';
    const i = state.data.classNames.indexOf(label);
    return COLOURS[i % COLOURS.length];
  }

  // The plane shown: unit axes a and b and the code whose other coordinates are held.
  function axes() {
    const k = state.data.latentSize;
    const unit = (i) => { const v = new Array(k).fill(0); v[i] = 1; return v; };
    if (state.plane.kind === 'pca' && state.data.principalAxes.length === 2) {
      return [state.data.principalAxes[0], state.data.principalAxes[1]];
    }
    return [unit(state.plane.x), unit(state.plane.y)];
  }
  function held() {
    const pin = state.pins[state.pins.length - 1];
    return state.plane.hold === 'pin' && pin ? pin : state.data.mean;
  }
  const dot = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);
  // A code's position in the plane, and the code at a position of the plane.
  function project(code) { const [a, b] = axes(); return [dot(a, code), dot(b, code)]; }
  function lift(u, v) {
    const [a, b] = axes();
    const c = held();
    const du = u - dot(a, c);
    const dv = v - dot(b, c);
    return c.map((ci, i) => ci + du * a[i] + dv * b[i]);
  }
  state.project = project;
  state.lift = lift;

  function fitView() {
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const code of state.data.codes) {
      const [u, v] = project(code);
      minU = Math.min(minU, u); maxU = Math.max(maxU, u); minV = Math.min(minV, v); maxV = Math.max(maxV, v);
    }
    const pad = 0.05 * Math.max(maxU - minU, maxV - minV, 1e-6);
    const span = Math.max(maxU - minU, maxV - minV) + 2 * pad;
    state.view = { u: (minU + maxU) / 2, v: (minV + maxV) / 2, scale: scatter.width / span };
  }
  function toScreen(u, v) {
    return [scatter.width / 2 + (u - state.view.u) * state.view.scale,
      scatter.height / 2 - (v - state.view.v) * state.view.scale];
  }
  function fromScreen(x, y) {
    return [state.view.u + (x - scatter.width / 2) / state.view.scale,
      state.view.v - (y - scatter.height / 2) / state.view.scale];
  }
  state.toScreen = (code) => toScreen(...project(code));

  function draw() {
    ctx.clearRect(0, 0, scatter.width, scatter.height);
    const { codes, labels } = state.data;
    for (let i = 0; i < codes.length; i++) {
      const [x, y] = toScreen(...project(codes[i]));
      if (x < -2 || y < -2 || x > scatter.width + 2 || y > scatter.height + 2) continue;
      ctx.fillStyle = colourOf(labels[i]);
      ctx.globalAlpha = 0.6;
      ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    if (state.pins.length >= 2) {
      const [x0, y0] = toScreen(...project(state.pins[state.pins.length - 2]));
      const [x1, y1] = toScreen(...project(state.pins[state.pins.length - 1]));
      ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
    }
    state.pins.forEach((pin, i) => {
      const [x, y] = toScreen(...project(pin));
      ctx.beginPath(); ctx.arc(x, y, 6, 0, 2 * Math.PI); ctx.stroke();
      ctx.fillStyle = '#000'; ctx.fillText(String(i + 1), x + 8, y - 8);
    });
    if (state.pointerZ) {
      const [x, y] = toScreen(...project(state.pointerZ));
      ctx.strokeStyle = '#d00'; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(x - 8, y); ctx.lineTo(x + 8, y); ctx.moveTo(x, y - 8); ctx.lineTo(x, y + 8); ctx.stroke();
    }
  }

  async function fetchOk(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ': ' + (await response.text()));
    return response;
  }

  // An image endpoint drawn onto a canvas, scaled without smoothing; resolves to its grey values.
  async function drawPng(url, canvas) {
    const blob = await (await fetchOk(url)).blob();
    const bitmap = await createImageBitmap(blob);
    const raw = document.createElement('canvas');
    raw.width = bitmap.width; raw.height = bitmap.height;
    const rawCtx = raw.getContext('2d');
    rawCtx.drawImage(bitmap, 0, 0);
    const rgba = rawCtx.getImageData(0, 0, raw.width, raw.height).data;
    const c = canvas.getContext('2d');
    c.imageSmoothingEnabled = false;
    c.clearRect(0, 0, canvas.width, canvas.height);
    c.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const grey = [];
    for (let i = 0; i < rgba.length; i += 4) grey.push(rgba[i]);
    return grey;
  }

  // Values of a model that is not an image: bars, scaled to the largest magnitude.
  async function drawValues(z, canvas) {
    const values = (await (await fetchOk('/decode?format=json&z=' + zParam(z))).json()).values;
    const c = canvas.getContext('2d');
    const max = Math.max(...values.map(Math.abs), 1e-12);
    c.fillStyle = '#fff'; c.fillRect(0, 0, canvas.width, canvas.height);
    c.fillStyle = '#1f77b4';
    const w = canvas.width / values.length;
    values.forEach((v, i) => {
      const h = (Math.abs(v) / max) * (canvas.height / 2);
      c.fillRect(i * w, v >= 0 ? canvas.height / 2 - h : canvas.height / 2, Math.max(w - 1, 1), h);
    });
    return values;
  }

  function decodeInto(z, canvas) {
    return state.data.imageWidth > 0 ? drawPng('/decode?z=' + zParam(z), canvas) : drawValues(z, canvas);
  }

  // One decode in flight at a time; the newest pointer position wins.
  let busy = false;
  let pending = null;
  async function showDecoded(z, movedAt) {
    if (busy) { pending = [z, movedAt]; return; }
    busy = true;
    try {
      const pixels = await decodeInto(z, decodedCanvas);
      state.decodedZ = z;
      state.decodedPixels = pixels;
      state.latencies.push(performance.now() - movedAt);
      document.getElementById('z').textContent = 'z = (' + z.map(fmt).join(', ') + ')';
      await showNeighbours(z);
    } catch (e) {
      document.getElementById('z').textContent = String(e.message || e);
    } finally {
      busy = false;
      if (pending) { const [pz, pt] = pending; pending = null; showDecoded(pz, pt); }
    }
  }

  async function showNeighbours(z) {
    const found = (await (await fetchOk('/neighbours?k=' + NEIGHBOURS + '&z=' + zParam(z))).json()).neighbours;
    const box = document.getElementById('neighbours');
    box.replaceChildren();
    for (const n of found) {
      const cell = document.createElement('div');
      cell.className = 'thumb';
      const canvas = document.createElement('canvas');
      canvas.width = 56; canvas.height = 56;
      cell.append(canvas, document.createElement('br'),
        document.createTextNode((n.label === null ? '#' + n.id : n.label) + ' · ' + fmt(n.distance)));
      box.append(cell);
      if (state.data.imageWidth > 0) drawPng('/image?id=' + n.id, canvas);
    }
    state.neighbours = found;
  }

  async function showStrip() {
    const strip = document.getElementById('strip');
    strip.replaceChildren();
    state.strip = [];
    if (state.pins.length < 2) return;
    const a = state.pins[state.pins.length - 2];
    const b = state.pins[state.pins.length - 1];
    const cells = [];
    for (let s = 0; s < STRIP_STEPS; s++) {
      const t = s / (STRIP_STEPS - 1);
      const z = a.map((ai, i) => ai + t * (b[i] - ai));
      const canvas = document.createElement('canvas');
      canvas.width = 52; canvas.height = 52;
      canvas.title = 'z = (' + z.map(fmt).join(', ') + ')';
      strip.append(canvas);
      cells.push(decodeInto(z, canvas).then((pixels) => ({ z, pixels })));
    }
    state.strip = await Promise.all(cells);
  }

  function showPins() {
    const list = document.getElementById('pins');
    list.replaceChildren(...state.pins.map((p) => {
      const item = document.createElement('li');
      item.className = 'mono';
      item.textContent = '(' + p.map(fmt).join(', ') + ')';
      return item;
    }));
  }

  function pointerCode(event) {
    const rect = scatter.getBoundingClientRect();
    const x = (event.clientX - rect.left) * (scatter.width / rect.width);
    const y = (event.clientY - rect.top) * (scatter.height / rect.height);
    return lift(...fromScreen(x, y));
  }

  let drag = null;
  scatter.addEventListener('mousedown', (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  window.addEventListener('mouseup', (e) => {
    if (drag && !drag.moved && e.target === scatter) {
      state.pins.push(pointerCode(e));
      showPins(); draw(); showStrip();
    }
    drag = null;
  });
  scatter.addEventListener('mousemove', (e) => {
    const movedAt = performance.now();
    if (drag) {
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (drag.moved || Math.abs(dx) + Math.abs(dy) > 4) {
        drag.moved = true;
        state.view.u -= dx / state.view.scale;
        state.view.v += dy / state.view.scale;
        drag.x = e.clientX; drag.y = e.clientY;
      }
    }
    state.pointerZ = pointerCode(e);
    draw();
    showDecoded(state.pointerZ, movedAt);
  });
  scatter.addEventListener('wheel', (e) => {
    e.preventDefault();
    const rect = scatter.getBoundingClientRect();
    const x = (e.clientX - rect.left) * (scatter.width / rect.width);
    const y = (e.clientY - rect.top) * (scatter.height / rect.height);
    const [u, v] = fromScreen(x, y);
    const factor = Math.exp(-e.deltaY / 500);
    state.view.scale *= factor;
    state.view.u = u - (u - state.view.u) / factor;
    state.view.v = v - (v - state.view.v) / factor;
    draw();
  }, { passive: false });
  document.getElementById('reset').addEventListener('click', () => { fitView(); draw(); });
  document.getElementById('clear').addEventListener('click', () => { state.pins = []; showPins(); draw(); showStrip(); });

  function setUpPlane() {
    const k = state.data.latentSize;
    if (k === 2) return;
    document.getElementById('plane').hidden = false;
    for (const id of ['dim-x', 'dim-y']) {
      const select = document.getElementById(id);
      for (let i = 0; i < k; i++) select.add(new Option('z' + (i + 1), String(i)));
    }
    document.getElementById('dim-y').value = '1';
    const update = () => {
      state.plane.kind = document.getElementById('plane-kind').value;
      state.plane.x = Number(document.getElementById('dim-x').value);
      state.plane.y = Number(document.getElementById('dim-y').value);
      state.plane.hold = document.getElementById('hold').value;
      document.getElementById('dims').hidden = state.plane.kind !== 'dims';
      fitView(); draw();
    };
    for (const id of ['plane-kind', 'dim-x', 'dim-y', 'hold']) document.getElementById(id).addEventListener('change', update);
  }

  function showLegend() {
    const legend = document.getElementById('legend');
    for (const name of state.data.classNames) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.style.background = colourOf(name);
      item.append(swatch, document.createTextNode(name));
      legend.append(item);
    }
  }

  async function start() {
    state.data = await (await fetchOk('/codes')).json();
    document.getElementById('summary').textContent = state.data.codes.length + ' rows, ' + state.data.latentSize
      + '-D codes' + (state.data.imageWidth > 0 ? ', ' + state.data.imageWidth + 'x' + state.data.imageHeight + ' images' : '');
    if (state.data.imageWidth > 0) {
      decodedCanvas.width = state.data.imageWidth * 6;
      decodedCanvas.height = state.data.imageHeight * 6;
    }
    setUpPlane();
    showLegend();
    fitView();
    draw();
    state.ready = true;
  }
  start().catch((e) => { document.getElementById('summary').textContent = String(e.message || e); });
})();
