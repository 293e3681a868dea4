import { Fixture } from "../testing/community-fixture.ts";
import { pay } from "../builders/pay.ts";
const t0 = performance.now();
for (let i = 0; i < 10; i++) {
  const s = performance.now();
  const f = new Fixture({ members: ["a", "b", "c", "d"] });
  const m = performance.now();
  for (let k = 0; k < 5; k++) {
    f.world.submit(pay({ payer: f.account("a").box, payees: [{ account: f.account("b").box, amountUnits: 1n }] }, { height: f.world.height }), [f.member("a")]);
  }
  console.log(i, (m - s).toFixed(0), (performance.now() - m).toFixed(0));
}
console.log("total", performance.now() - t0);
