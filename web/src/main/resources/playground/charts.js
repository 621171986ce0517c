// The loss and accuracy curves, drawn with uPlot from the epochs the server sends.
export class Charts {
  constructor(lossBox, accBox) {
    this.rows = [];
    this.dirty = false;
    const width = () => Math.max(260, Math.min(lossBox.clientWidth || 460, 640));
    const opts = (title, a, b, range) => ({
      title, width: width(), height: 170,
      scales: { x: { time: false }, y: range ? { range } : { auto: true } },
      series: [{ label: "epoch" }, { label: a, stroke: "#1f6fb2", width: 1.5 },
        { label: b, stroke: "#e07b00", width: 1.5, dash: [5, 3] }],
      axes: [{}, { size: 56 }],
    });
    this.loss = new window.uPlot(opts("Loss J", "train", "test"), [[], [], []], lossBox);
    this.acc = new window.uPlot(opts("Accuracy", "train", "test", [0, 1]), [[], [], []], accBox);
    window.addEventListener("resize", () => {
      this.loss.setSize({ width: width(), height: 170 });
      this.acc.setSize({ width: width(), height: 170 });
    });
    const frame = () => {
      if (this.dirty) this.redraw();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  clear() {
    this.rows = [];
    this.dirty = true;
  }

  // rows: [epoch, loss, testLoss, trainAccuracy, testAccuracy] from index `from` of the run
  add(from, rows) {
    if (from < this.rows.length) this.rows.length = from;
    for (const r of rows) this.rows.push(r);
    this.dirty = true;
  }

  redraw() {
    this.dirty = false;
    const stride = Math.max(1, Math.ceil(this.rows.length / 1500));
    const pick = this.rows.filter((r, i) => i % stride === 0 || i === this.rows.length - 1);
    const col = (k) => pick.map((r) => r[k]);
    this.loss.setData([col(0), col(1), col(2)]);
    this.acc.setData([col(0), col(3), col(4)]);
  }
}
