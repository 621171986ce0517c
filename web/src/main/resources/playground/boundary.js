// The decision boundary: the server's grid of predictions as a heat map, the data points over it.
const CLASS_COLOURS = [[31, 111, 178], [224, 123, 0], [46, 139, 87], [148, 80, 180], [200, 50, 60], [90, 90, 90],
  [0, 150, 160], [170, 140, 0], [210, 80, 160], [100, 60, 30]];

function mix(c, t) { // from white (t = 0) to colour c (t = 1)
  return [255 + (c[0] - 255) * t, 255 + (c[1] - 255) * t, 255 + (c[2] - 255) * t];
}

export function drawBoundary(canvas, b, data) {
  const ctx = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, n = b.cells;
  const img = ctx.createImageData(n, n);
  const binary = data.classes.length === 2 && b.values.every((v) => v <= 1000);
  for (let i = 0; i < n * n; i++) {
    const v = b.values[i];
    let rgb;
    if (binary) {
      const p = v / 1000; // P(class 1)
      rgb = p >= 0.5 ? mix(CLASS_COLOURS[1], (p - 0.5) * 1.4) : mix(CLASS_COLOURS[0], (0.5 - p) * 1.4);
    } else {
      const k = Math.floor(v / 1000), conf = (v % 1000) / 999;
      rgb = mix(CLASS_COLOURS[k % CLASS_COLOURS.length], 0.15 + 0.55 * conf);
    }
    img.data[4 * i] = rgb[0]; img.data[4 * i + 1] = rgb[1]; img.data[4 * i + 2] = rgb[2]; img.data[4 * i + 3] = 255;
  }
  const off = document.createElement("canvas");
  off.width = n; off.height = n;
  off.getContext("2d").putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, w, h);
  const px = (x) => (x - b.x0) / (b.x1 - b.x0) * w;
  const py = (y) => (b.y1 - y) / (b.y1 - b.y0) * h;
  for (let i = 0; i < data.points.length; i++) {
    const [x, y] = data.points[i];
    const c = CLASS_COLOURS[data.labels[i] % CLASS_COLOURS.length];
    ctx.beginPath();
    ctx.arc(px(x), py(y), 3.2, 0, 2 * Math.PI);
    if (data.heldOut[i]) {
      ctx.fillStyle = "#fff";
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = `rgb(${c[0]},${c[1]},${c[2]})`;
      ctx.stroke();
    } else {
      ctx.fillStyle = `rgb(${c[0]},${c[1]},${c[2]})`;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#fff";
      ctx.stroke();
    }
  }
}
