/**
 * The agent model: who buys from whom, when, at what price; who joins, leaves, runs up a debt and
 * vanishes; when the community closes defaulted accounts. Decisions read only the simulator's own
 * ledger and seeded random streams, never the chain, so a seed replays the same economy.
 *
 * A day is planned at its start (how many purchases each member makes, in which block, who joins
 * and leaves), then acted block by block: sellers and prices are drawn when a purchase happens,
 * from the balances at that moment. In an economics community the committee sweeps the accrued
 * charges every few days, and under demurrage a member whose balance would pay it buys more.
 */
import type { Books } from "./ledger.ts";
import { drawMember, drawPrice, type Member } from "./members.ts";
import { Random } from "../../util/prng.ts";
import type { Scenario } from "./scenario.ts";
import { WeightedIndex } from "./weighted-index.ts";
import { spendDownAbove } from "./scenario-economics.ts";

/** What became of an attempted action: done, or refused with a reason (see docs/simulate.md). */
export type Outcome = { ok: true } | { ok: false; reason: string };

/** Carries out the model's decisions: real transactions, the ledger updated when they are built. */
export interface Actions {
  join(member: Member, block: number): Outcome;
  pay(payer: Member, payee: Member, amountUnits: bigint, block: number): Outcome;
  leave(member: Member, block: number): Outcome;
  closeDefaulted(member: Member, block: number): Outcome;
  /** Economics: sweeps every account holding at least the sweep minimum of charges into the community balance. */
  sweep?(block: number): void;
  /** Payment orders: the payer's key signs an order (no transaction) that the settler settles later. */
  order?(payer: Member, payee: Member, amountUnits: bigint, block: number): Outcome;
  /** The exchange desk: the member buys units for ERG or sells them back (docs/desk.md). */
  desk?(member: Member, side: "buy" | "sell", units: bigint, block: number): Outcome;
  /** Post-factum payments: the payer commits the price and a margin to an order in its escrow, settled later (docs/escrow.md). */
  postFactum?(payer: Member, payee: Member, priceUnits: bigint, block: number): Outcome;
  /** After the last planned action of simulated block `block` (the settler settles there). */
  endBlock?(block: number): void;
}

/** One thing planned for a block: `close-defaults` and `sweep` are the committee's (member -1). */
export interface Planned {
  kind: "buy" | "join" | "leave" | "spree" | "close-defaults" | "sweep" | "spend-down" | "desk";
  member: number;
}

/** Purchases a defaulter makes at most on its last day. */
const SPREE_PURCHASES = 25;
/** Seller weights are kept as integers in thousandths (exact sums; see WeightedIndex). */
const WEIGHT_SCALE = 1_000;

/** The agents and their behaviour. */
export class AgentModel {
  readonly members: Member[] = [];
  private readonly membersRandom: Random;
  private readonly churnRandom: Random;
  private readonly tradeRandom: Random;
  /** The extra purchases made to avoid demurrage: their own stream, so the others draw as without demurrage. */
  private readonly demurrageRandom: Random;
  /** The balance from which a member spends down under demurrage (`behaviour.demurrage`), or none. */
  private readonly spendDownAbove: bigint | undefined;
  /** Every member's current weight as a seller (0 when not trading), one index per community. */
  private readonly sellers: WeightedIndex[];
  /** Communities: one without a network. */
  private readonly communities: number;
  /** For each community, the others a purchase may cross to (one or two lines away). */
  private readonly reachable: number[][];
  /** Whether a purchase is paid by order and goes to a shop: a stream of its own, so that without them everything draws as before. */
  private readonly ordersRandom: Random;
  /** Who goes to the exchange desk, and when: a stream of its own, so that without a desk everything draws as before. */
  private readonly deskRandom: Random;
  /** Whether a purchase is paid post-factum: a stream of its own, so that without them everything draws as before. */
  private readonly postFactumRandom: Random;

  constructor(
    readonly scenario: Scenario,
    private readonly ledger: Books,
    private readonly actions: Actions,
  ) {
    this.communities = scenario.network?.communities.length ?? 1;
    this.sellers = Array.from({ length: this.communities }, () => new WeightedIndex());
    this.reachable = reachability(scenario);
    this.membersRandom = new Random(scenario.seed, "members");
    this.churnRandom = new Random(scenario.seed, "churn");
    this.tradeRandom = new Random(scenario.seed, "trades");
    this.demurrageRandom = new Random(scenario.seed, "demurrage");
    this.ordersRandom = new Random(scenario.seed, "orders");
    this.deskRandom = new Random(scenario.seed, "desk");
    this.postFactumRandom = new Random(scenario.seed, "postfactum");
    this.spendDownAbove = spendDownAbove(scenario);
    ledger.onChange = (member) => this.weighSeller(member);
  }

  /** Draws the starting members (they join before day 0). */
  drawInitialMembers(): Member[] {
    for (let c = 0; c < this.communities; c++) {
      for (let i = 0; i < this.scenario.members; i++) this.members.push(drawMember(this.members.length, this.scenario, this.membersRandom, 0, c));
    }
    return [...this.members];
  }

  /** Members trading now: open accounts, not vanished. */
  active(): Member[] {
    return this.members.filter((m) => !m.vanished && this.ledger.accounts.get(m.id)?.status === "open");
  }

  /** Mean purchases per day of `member` now: the role's rate, less near the credit floor, up to twice when well in credit. */
  buyRate(member: Member): number {
    const account = this.ledger.open(member.id);
    const room = Number(account.balance + account.creditLimit) / Number(account.creditLimit);
    return member.role.buysPerDay * Math.min(2, Math.max(0, room));
  }

  /** The day's plan: for each of its blocks, what happens in it, in order. */
  planDay(day: number): Planned[][] {
    const perDay = this.scenario.blocksPerDay;
    const blocks: Planned[][] = Array.from({ length: perDay }, () => []);
    const at = (random: Random) => blocks[random.int(perDay)]!;
    if (this.scenario.policy.inactivityBlocks > 0n) blocks[0]!.push({ kind: "close-defaults", member: -1 });
    const every = this.scenario.behaviour.sweepEveryDays;
    if (this.scenario.policy.economics && every > 0 && day > 0 && day % every === 0) blocks[0]!.push({ kind: "sweep", member: -1 });
    // Joins and leaves per community, in community order (one community: exactly as before networks).
    for (let c = 0; c < this.communities; c++) {
      for (let n = this.churnRandom.poisson(this.scenario.churn.joinsPerDay); n > 0; n--) {
        const member = drawMember(this.members.length, this.scenario, this.churnRandom, day, c);
        this.members.push(member);
        at(this.churnRandom).push({ kind: "join", member: member.id });
      }
    }
    for (let c = 0; c < this.communities; c++) {
      const stayers = this.active().filter((m) => !m.defaulter && m.community === c);
      for (let n = this.churnRandom.poisson(this.scenario.churn.leavesPerDay); n > 0 && stayers.length > 0; n--) {
        const [leaver] = stayers.splice(this.churnRandom.int(stayers.length), 1);
        at(this.churnRandom).push({ kind: "leave", member: leaver!.id });
      }
    }
    for (const member of this.active()) {
      if (member.defaultDay === day) at(this.tradeRandom).push({ kind: "spree", member: member.id });
      for (let n = this.tradeRandom.poisson(this.buyRate(member)); n > 0; n--) at(this.tradeRandom).push({ kind: "buy", member: member.id });
    }
    for (const member of this.spendingDown()) {
      for (let n = this.scenario.behaviour.demurrage.extraBuys; n > 0; n--) at(this.demurrageRandom).push({ kind: "spend-down", member: member.id });
    }
    const desk = this.scenario.desk;
    if (desk) for (const member of this.active()) if (this.deskRandom.chance(desk.share)) at(this.deskRandom).push({ kind: "desk", member: member.id });
    return blocks;
  }

  /** Under demurrage, the trading members whose balance would pay a unit of it over the horizon (the model's response to demurrage). */
  private spendingDown(): Member[] {
    const above = this.spendDownAbove;
    return above === undefined ? [] : this.active().filter((m) => this.ledger.open(m.id).balance >= above);
  }

  /** Ends simulated block `block`: the settler settles the orders signed so far. */
  endBlock(block: number): void {
    this.actions.endBlock?.(block);
  }

  /** Acts one planned item in simulated block `block`. */
  act(item: Planned, block: number): void {
    const member = this.members[item.member];
    if (item.kind === "close-defaults") return this.closeDefaults(block);
    if (item.kind === "sweep") return this.actions.sweep?.(block);
    if (item.kind === "join") return void this.actions.join(member!, block);
    if (!member || member.vanished || this.ledger.accounts.get(member.id)?.status !== "open") return;
    if (item.kind === "buy") return void this.buy(member, block);
    if (item.kind === "desk") return this.deskTrade(member, block);
    if (item.kind === "leave") return this.leave(member, block);
    if (item.kind === "spend-down") {
      // Only while its balance would still pay a unit of demurrage over the horizon: earlier purchases may have spent it.
      if (this.ledger.open(member.id).balance >= this.spendDownAbove!) this.buy(member, block, this.demurrageRandom);
      return;
    }
    for (let n = 0; n < SPREE_PURCHASES; n++) {
      const outcome = this.buy(member, block);
      if (outcome && !outcome.ok) break;
    }
    member.vanished = true;
    this.weighSeller(member.id);
  }

  /**
   * A purchase: a seller drawn by role and need, at the seller's price (in the buyer's units).
   * In a network, a share `buysAcross` of purchases go to a seller of another community reachable
   * by one or two lines, picked by its `sellsAcross`. Undefined when nobody can sell.
   */
  private buy(buyer: Member, block: number, random = this.tradeRandom): Outcome | undefined {
    const network = this.scenario.network;
    const across = network !== undefined && random.chance(network.communities[buyer.community]!.buysAcross);
    const seller = across ? this.pickForeignSeller(buyer) : (this.pickShop(buyer) ?? this.pickSeller(buyer, random));
    if (!seller) return undefined;
    const price = drawPrice(seller.role, random);
    const orders = this.scenario.orders;
    if (this.actions.order && orders && orders.orderShare > 0 && this.ordersRandom.chance(orders.orderShare)) return this.actions.order(buyer, seller, price, block);
    const postFactum = this.scenario.postFactum;
    if (this.actions.postFactum && postFactum && this.postFactumRandom.chance(postFactum.share)) return this.actions.postFactum(buyer, seller, price, block);
    return this.actions.pay(buyer, seller, price, block);
  }

  /** With shops, a share `shopShare` of purchases goes to one of the shops trading now (not the buyer), drawn uniformly. */
  private pickShop(buyer: Member): Member | undefined {
    const orders = this.scenario.orders;
    if (!orders || orders.shopShare === 0 || !this.ordersRandom.chance(orders.shopShare)) return undefined;
    const open = orders.shops.filter((id) => id !== buyer.id && !this.members[id]!.vanished && this.ledger.accounts.get(id)?.status === "open");
    return open.length === 0 ? undefined : this.members[open[this.ordersRandom.int(open.length)]!];
  }

  /**
   * Sellers weighted by their role's `sellWeight`, up to twice as likely when in debt (they look
   * for work); the buyer is left out.
   */
  private pickSeller(buyer: Member, random = this.tradeRandom): Member | undefined {
    const sellers = this.sellers[buyer.community]!;
    const own = sellers.weight(buyer.id);
    sellers.set(buyer.id, 0);
    const seller = sellers.pick(random);
    sellers.set(buyer.id, own);
    return seller === undefined ? undefined : this.members[seller];
  }

  /** A seller in another community the buyer's can reach, the community picked by its `sellsAcross`. */
  private pickForeignSeller(buyer: Member): Member | undefined {
    const others = this.reachable[buyer.community]!;
    const weights = others.map((c) => this.scenario.network!.communities[c]!.sellsAcross);
    if (weights.every((w) => w === 0)) return undefined;
    const seller = this.sellers[others[this.tradeRandom.weighted(weights)]!]!.pick(this.tradeRandom);
    return seller === undefined ? undefined : this.members[seller];
  }

  /** Recomputes member `id`'s weight as a seller after its account or standing changed. */
  private weighSeller(id: number): void {
    const member = this.members[id];
    const account = this.ledger.accounts.get(id);
    const sellers = this.sellers[member?.community ?? 0]!;
    if (!member || member.vanished || account?.status !== "open") return sellers.set(id, 0);
    const need = Number(-account.balance) / Number(account.creditLimit);
    sellers.set(id, Math.round(member.role.sellWeight * (1 + Math.min(1, Math.max(0, need))) * WEIGHT_SCALE));
  }

  /**
   * A leaver settles to 0, then leaves: it spends what it has (with a usage fee, the least that
   * brings it to 0 or just below), and what it then owes is paid off by a member buying from it.
   */
  private leave(member: Member, block: number): void {
    if (this.ledger.open(member.id).balance > 0n) {
      const seller = this.pickSeller(member);
      if (seller) this.actions.pay(member, seller, this.ledger.settleAmount(member.id, block), block);
    }
    const owed = -this.ledger.open(member.id).balance;
    if (owed > 0n) {
      const others = this.active().filter((m) => m.id !== member.id && m.community === member.community);
      if (others.length > 0) this.actions.pay(others[this.churnRandom.int(others.length)]!, member, owed, block);
    }
    this.actions.leave(member, block);
  }

  /**
   * At the desk: a member short of units (more than a quarter of its credit limit below 0) buys
   * half its debt back; one long (more than a quarter of its credit limit above 0) sells half its
   * balance; anyone else does nothing.
   */
  private deskTrade(member: Member, block: number): void {
    const { balance, creditLimit } = this.ledger.open(member.id);
    if (balance < -creditLimit / 4n) this.actions.desk?.(member, "buy", (1n - balance) / 2n, block);
    else if (balance > creditLimit / 4n) this.actions.desk?.(member, "sell", balance / 2n, block);
  }

  /** Anyone may close an account negative and inactive for the window: the model's collector does, once a day. */
  private closeDefaults(block: number): void {
    const window = Number(this.scenario.policy.inactivityBlocks);
    for (const member of this.members) {
      const account = this.ledger.accounts.get(member.id);
      if (account?.status === "open" && account.balance < 0n && block + 1 >= account.lastActiveBlock + window) {
        this.actions.closeDefaulted(member, block);
      }
    }
  }
}

/** For each community, the others joined to it by one line or two (a payment takes at most two hops). */
function reachability(scenario: Scenario): number[][] {
  const network = scenario.network;
  if (!network) return [[]];
  const n = network.communities.length;
  const next = (c: number) => network.lines.flatMap((l) => (l.a === c ? [l.b] : l.b === c ? [l.a] : []));
  return Array.from({ length: n }, (_, c) => {
    const near = new Set(next(c));
    for (const m of [...near]) for (const far of next(m)) near.add(far);
    near.delete(c);
    return [...near].sort((x, y) => x - y);
  });
}
