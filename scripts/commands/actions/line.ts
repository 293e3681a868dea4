/**
 * `lets line`: trade lines between communities (docs/inter-lets.md). A committee proposes a line
 * to another community, whose committee accepts it; either pauses payments into its own community,
 * proposes new terms or closing, or accepts the other's proposal; the proposer may cancel a
 * proposal not yet accepted. `show` and `list` read. Members pay across a line with `lets pay
 * --to-community`.
 */
import { communityOf, describeCommittee, dormantFrom, gatewayFloorNanoErg, isDormant, lineFloorNanoErg, rentFrom, STORAGE_PERIOD_BLOCKS, type Community, type Line, type LineChange } from "../../../contracts/index.ts";
import type { CommunityView, Identity } from "../../../client/lets-over-http.ts";
import { LinesOverHttp, linePositions } from "../../../client/lines.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { formatErg } from "./amounts.ts";
import { checkCommittee } from "./govern.ts";
import {
  checkTermsSyntax,
  gatewayJson,
  lineInWords,
  lineJson,
  pendingInWords,
  pendingJson,
  possessive,
  positionJson,
  positionsInWords,
  termsFromFlags,
  termsInWords,
  termsJson,
  type Named,
} from "./line-words.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

const termsOptions = {
  rate: { type: "string" },
  "cap-a": { type: "string" },
  "cap-b": { type: "string" },
  "fee-a": { type: "string" },
  "fee-b": { type: "string" },
  shards: { type: "string" },
} as const;

const termsUsage = `  --rate R                what one of A's units is worth in B's: 3/2, 2 or 1.5
  --cap-a N               how far A may owe B, in B's units (all shards together)
  --cap-b N               how far B may owe A, in A's units
  --fee-a BP, --fee-b BP  each community's fee in basis points (100 = 1%) of what crosses its
                          border: charged by the sender to its payer, by the receiver from its payee;
                          1 (0.01%) each by default, and not both 0`;

const lineUsage = `lets line propose --community A --partner B --rate R --cap-a N --cap-b N [--fee-a BP] [--fee-b BP] [--shards S] [key]
       lets line accept --line ID [key]
       lets line pause|resume --line ID [--community ID] [key]
       lets line change --line ID [--community ID] (terms | --withdraw) [key]
       lets line close --line ID [--community ID] [key]
       lets line accept-change --line ID [--community ID] [key]
       lets line cancel --line ID [key]
       lets line refresh --line ID [--shard N] [key]
       lets line show --line ID [--json]
       lets line list [--community ID] [--json]

  propose                 A's committee proposes a line to community B (B's committee accepts);
                          the line's id is printed. Each shard takes a seat of each community
  accept                  B's committee accepts: the line opens
  pause, resume           a committee stops (or lets again) payments INTO its community; payments
                          out continue, settling what it owes
  change                  a committee proposes new terms (flags not given stay), or --withdraw its
                          proposal; the other committee accepts with accept-change
  close                   a committee proposes closing; the other accepts with accept-change
  cancel                  A's committee cancels a proposal B has not accepted
  refresh                 anyone recreates a line box, or with --shard both ends of a shard, that
                          nobody spent for 788,400 blocks (about three years), before storage
                          rent; an idle shard takes no payment until refreshed
  show                    a line: terms, state, pending change, each side's position and shards
  list                    every line on the node, or those of --community

  --community ID          propose: the proposing community (A). pause, change, close,
                          accept-change: the side acting, when the key is on both committees
  --partner ID            propose: the community the line is proposed to (B)
  --line ID               the line (its token id: the id A's community box had when proposing)
  --shards S              propose: 1 to 16 gateway pairs, fixed (default 1): a line takes S cross
                          payments per block
  --withdraw              change: withdraw your pending proposal
${termsUsage}
${commonUsage}

  The committee signs (a k > 1 committee: --unsigned and a multi-signature wallet); its wallet pays
  the ERG the line and gateways hold (propose, accept) and the fee.
  Exit codes: 0 done, 1 refused (not on the committee, line not open) or failed, 2 bad usage.`;

/** How communities are named in messages; read once per run. */
class Names {
  private readonly known = new Map<string, Named>();
  constructor(private readonly session: Session) {}

  remember(view: CommunityView): void {
    this.known.set(view.community.communityId, { communityId: view.community.communityId, metadata: view.community.metadata });
  }

  async load(...ids: string[]): Promise<void> {
    await Promise.all(
      ids.filter((id) => !this.known.has(id)).map(async (id) => {
        const view = await this.session.lets.findCommunity(id);
        this.known.set(id, { communityId: id, metadata: view?.community.metadata });
      }),
    );
  }

  of = (communityId: string): Named => this.known.get(communityId) ?? { communityId };
  name = (communityId: string): string => this.of(communityId).metadata?.name ?? `community ${communityId}`;
}

/** Whether `who`'s key is one of a community's committee keys. */
const onCommittee = (community: Community, who: Identity): boolean =>
  describeCommittee(community.committee)?.publicKeys.includes(who.publicKey.toLowerCase()) ?? false;

/**
 * The community acting on a line: `--community` when given (it must be a side), else the one
 * side whose committee holds the key. Its committee is then checked as `lets govern` does.
 */
async function actingCommunity(session: Session, line: Line, key: Identity, names: Names, given: string | undefined): Promise<CommunityView> {
  if (given !== undefined) {
    if (given !== line.communityA && given !== line.communityB) {
      throw new CliError(`--community ${given} is neither side of line ${line.lineId} (A ${line.communityA}, B ${line.communityB})`, ExitCode.usage);
    }
    const view = await session.lets.community(given);
    names.remember(view);
    checkCommittee(view.community, key, session.unsigned, session.network);
    return view;
  }
  const views = await Promise.all([line.communityA, line.communityB].map((id) => session.lets.community(id)));
  views.forEach((v) => names.remember(v));
  const mine = views.filter((v) => onCommittee(v.community, key));
  if (mine.length > 1) throw new CliError(`${key.address} is on both committees of line ${line.lineId}: name the side acting with --community`, ExitCode.usage);
  if (mine.length === 0) {
    throw new CliError(`${key.address} is on the committee of neither ${names.name(line.communityA)} nor ${names.name(line.communityB)}: only they can act on line ${line.lineId}`, ExitCode.failure);
  }
  checkCommittee(mine[0]!.community, key, session.unsigned, session.network);
  return mine[0]!;
}

/** The line option, required. */
const lineOption = (values: { line?: string }): string => idOption("line", values.line);

/** `lets line propose` */
async function propose(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { ...termsOptions, community: { type: "string" }, partner: { type: "string" } });
  const session = new Session(values);
  const communityId = idOption("community", values.community);
  const partnerId = idOption("partner", values.partner);
  if (partnerId === communityId) throw new CliError("--partner must be another community than --community", ExitCode.usage);
  checkTermsSyntax(values);
  const missing = (["rate", "cap-a", "cap-b"] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) throw new CliError(`a proposal needs ${missing.map((k) => `--${k}`).join(", ")}`, ExitCode.usage);
  return session.run("required", async (key) => {
    const lines = new LinesOverHttp(session.lets);
    const [a, b] = await Promise.all([session.lets.community(communityId), session.lets.community(partnerId)]);
    const names = new Names(session);
    names.remember(a);
    names.remember(b);
    checkCommittee(a.community, key, session.unsigned, session.network);
    const terms = termsFromFlags(values, a.community.metadata, b.community.metadata);
    const lineId = a.community.boxId;
    const held = lineFloorNanoErg() + terms.shards * gatewayFloorNanoErg(0);
    session.info(`Proposing a trade line from ${names.name(communityId)} (A) to ${names.name(partnerId)} (B):`);
    for (const t of termsInWords(terms, names.of(communityId), names.of(partnerId))) session.info(`  - ${t}`);
    session.info(`  - it takes ${terms.shards} seat${terms.shards === 1n ? "" : "s"} of ${names.name(communityId)} now (${a.community.seatsLeft} left), and as many of ${names.name(partnerId)} when it accepts`);
    session.info(`  - your wallet pays the ${formatErg(held)} the line box and A's gateways hold, and the fee`);
    session.info(`the line's id will be ${lineId}`);
    const { submitted } = await session.execute(key, await lines.planPropose(communityId, key, partnerId, terms));
    if (!submitted) return ExitCode.ok;
    session.result(
      [`proposed line ${lineId} to ${names.name(partnerId)}`, sentLine(submitted.id), `${possessive(names.name(partnerId))} committee accepts with: lets line accept --line ${lineId}`],
      { txId: submitted.id, lineId, communityA: communityId, communityB: partnerId, terms: termsJson(terms) },
    );
    return ExitCode.ok;
  });
}

/** `lets line accept` */
async function accept(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { line: { type: "string" } });
  const session = new Session(values);
  const lineId = lineOption(values);
  return session.run("required", async (key) => {
    const lines = new LinesOverHttp(session.lets);
    const line = await lines.line(lineId);
    const names = new Names(session);
    const b = await session.lets.community(line.communityB);
    names.remember(b);
    await names.load(line.communityA);
    checkCommittee(b.community, key, session.unsigned, session.network);
    if (line.status !== "proposed") throw new CliError(`line ${lineId} is ${line.status}; only a proposed line can be accepted`, ExitCode.failure);
    session.info(`Accepting line ${lineId} from ${names.name(line.communityA)} (A) for ${names.name(line.communityB)} (B):`);
    for (const t of termsInWords(line.terms, names.of(line.communityA), names.of(line.communityB))) session.info(`  - ${t}`);
    session.info(`  - it takes ${line.terms.shards} seat${line.terms.shards === 1n ? "" : "s"} of ${names.name(line.communityB)} (${b.community.seatsLeft} left); your wallet pays the ${formatErg(line.terms.shards * gatewayFloorNanoErg(1))} B's gateways hold, and the fee`);
    const { submitted } = await session.execute(key, await lines.planAccept(lineId, key));
    if (!submitted) return ExitCode.ok;
    session.result([`accepted line ${lineId}: it is open`, sentLine(submitted.id)], { txId: submitted.id, lineId, status: "open" });
    return ExitCode.ok;
  });
}

/** `lets line pause` and `lets line resume` */
async function pause(args: readonly string[], paused: boolean): Promise<number> {
  const values = parseActionArgs(args, { line: { type: "string" }, community: { type: "string" } });
  const session = new Session(values);
  const lineId = lineOption(values);
  const given = values.community === undefined ? undefined : idOption("community", values.community);
  return session.run("required", async (key) => {
    const lines = new LinesOverHttp(session.lets);
    const line = await lines.line(lineId);
    const names = new Names(session);
    const { community } = await actingCommunity(session, line, key, names, given);
    const side = LinesOverHttp.sideOf(line, community.communityId);
    const name = names.name(community.communityId);
    if (line.status !== "open") throw new CliError(`line ${lineId} is ${line.status}, not open: only an open line can be ${paused ? "paused" : "resumed"}`, ExitCode.failure);
    if ((side === 0 ? line.pausedA : line.pausedB) === paused) throw new CliError(`line ${lineId} is already ${paused ? "paused" : "taking payments"} into ${name}`, ExitCode.failure);
    session.info(paused
      ? `Pausing line ${lineId} for ${name}: no payments into ${name} until its committee resumes it; payments out continue`
      : `Resuming line ${lineId} for ${name}: payments into ${name} are taken again`);
    const { submitted } = await session.execute(key, await lines.planPause(lineId, community.communityId, key, paused));
    if (!submitted) return ExitCode.ok;
    session.result(
      [`${paused ? "paused" : "resumed"} line ${lineId} for ${name}`, sentLine(submitted.id)],
      { txId: submitted.id, lineId, communityId: community.communityId, paused },
    );
    return ExitCode.ok;
  });
}

/** What a change proposes, decided once the line and the acting side are known. */
type ChangeOf = (line: Line, side: 0 | 1, names: Names) => LineChange;

/** Proposes a change (new terms, closing, or withdrawing one's proposal) as the acting side. */
function proposeChange(session: Session, lineId: string, given: string | undefined, changeOf: ChangeOf): Promise<number> {
  return session.run("required", async (key) => {
    const lines = new LinesOverHttp(session.lets);
    const line = await lines.line(lineId);
    const names = new Names(session);
    const { community } = await actingCommunity(session, line, key, names, given);
    await names.load(line.communityA, line.communityB);
    const [a, b] = [names.of(line.communityA), names.of(line.communityB)];
    const name = names.name(community.communityId);
    const side = LinesOverHttp.sideOf(line, community.communityId);
    if (line.status !== "open") throw new CliError(`line ${lineId} is ${line.status}, not open: only an open line's terms can change`, ExitCode.failure);
    const proposal = changeOf(line, side, names);
    if (proposal === "close") session.info(`${name} proposes to close line ${lineId}; the other committee accepts with 'lets line accept-change'`);
    else if (proposal === null) session.info(`${name} withdraws its proposal on line ${lineId}`);
    else {
      session.info(`${name} proposes new terms for line ${lineId}; the other committee accepts with 'lets line accept-change':`);
      const before = termsInWords(line.terms, a, b);
      termsInWords(proposal.terms, a, b).forEach((t, i) => session.info(`  - ${t}${t === before[i] ? "" : ` (was: ${before[i]})`}`));
    }
    const { submitted } = await session.execute(key, await lines.planProposeChange(lineId, community.communityId, key, proposal));
    if (!submitted) return ExitCode.ok;
    const pending = proposal === null ? null : proposal === "close" ? { proposer: side, kind: "close" as const } : { proposer: side, kind: "terms" as const, terms: proposal.terms };
    session.result(
      [proposal === null ? `withdrew ${possessive(name)} proposal on line ${lineId}` : `proposed ${proposal === "close" ? "closing" : "new terms"} for line ${lineId}`, sentLine(submitted.id)],
      { txId: submitted.id, lineId, communityId: community.communityId, pending: pendingJson(pending) },
    );
    return ExitCode.ok;
  });
}

/** `lets line change`: new terms (flags not given stay), or --withdraw. */
async function change(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { ...termsOptions, line: { type: "string" }, community: { type: "string" }, withdraw: { type: "boolean" } });
  const session = new Session(values);
  const lineId = lineOption(values);
  const given = values.community === undefined ? undefined : idOption("community", values.community);
  if (values.shards !== undefined) throw new CliError("--shards cannot change: a line's shards are fixed when it is proposed", ExitCode.usage);
  const termFlags = checkTermsSyntax(values);
  if (values.withdraw && termFlags > 0) throw new CliError("give new terms or --withdraw, not both", ExitCode.usage);
  if (!values.withdraw && termFlags === 0) throw new CliError("nothing to change: give --rate, --cap-a, --cap-b, --fee-a or --fee-b, or --withdraw (to close: 'lets line close')", ExitCode.usage);
  return proposeChange(session, lineId, given, (line, side, names) => {
    if (!values.withdraw) return { terms: termsFromFlags(values, metadataOrRefuse(names, line.communityA), metadataOrRefuse(names, line.communityB), line.terms) };
    if (!line.pending || line.pending.proposer !== side) throw new CliError(`${names.name(communityOf(line, side))} has no pending proposal on line ${lineId} to withdraw`, ExitCode.failure);
    return null;
  });
}

/** `lets line close`: a proposal to close the line. */
async function close(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { line: { type: "string" }, community: { type: "string" } });
  const session = new Session(values);
  const lineId = lineOption(values);
  const given = values.community === undefined ? undefined : idOption("community", values.community);
  return proposeChange(session, lineId, given, () => "close");
}

/** The metadata of a community the node has (needed to read amounts in its units). */
function metadataOrRefuse(names: Names, communityId: string) {
  const metadata = names.of(communityId).metadata;
  if (!metadata) throw new CliError(`community ${communityId} is not on this node: its units are unknown`, ExitCode.failure);
  return metadata;
}

/** `lets line accept-change` */
async function acceptChange(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { line: { type: "string" }, community: { type: "string" } });
  const session = new Session(values);
  const lineId = lineOption(values);
  const given = values.community === undefined ? undefined : idOption("community", values.community);
  return session.run("required", async (key) => {
    const lines = new LinesOverHttp(session.lets);
    const line = await lines.line(lineId);
    const names = new Names(session);
    const { community } = await actingCommunity(session, line, key, names, given);
    await names.load(line.communityA, line.communityB);
    const side = LinesOverHttp.sideOf(line, community.communityId);
    if (line.status !== "open") throw new CliError(`line ${lineId} is ${line.status}, not open`, ExitCode.failure);
    if (!line.pending) throw new CliError(`line ${lineId} has no pending change to accept`, ExitCode.failure);
    if (line.pending.proposer === side) {
      throw new CliError(`${names.name(community.communityId)} proposed this change itself; the other committee must accept it`, ExitCode.failure);
    }
    session.info(`${names.name(community.communityId)} accepts: ${pendingInWords(line.pending, names.of(line.communityA), names.of(line.communityB)).replace(/^pending change: /, "")}`);
    const { submitted } = await session.execute(key, await lines.planAcceptChange(lineId, community.communityId, key));
    if (!submitted) return ExitCode.ok;
    const closed = line.pending.kind === "close";
    session.result(
      [closed ? `line ${lineId} is closed` : `line ${lineId} has its new terms`, sentLine(submitted.id)],
      { txId: submitted.id, lineId, status: closed ? "closed" : "open", terms: termsJson(line.pending.kind === "terms" ? line.pending.terms : line.terms) },
    );
    return ExitCode.ok;
  });
}

/** `lets line cancel` */
async function cancel(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { line: { type: "string" } });
  const session = new Session(values);
  const lineId = lineOption(values);
  return session.run("required", async (key) => {
    const lines = new LinesOverHttp(session.lets);
    const line = await lines.line(lineId);
    const a = await session.lets.community(line.communityA);
    checkCommittee(a.community, key, session.unsigned, session.network);
    if (line.status !== "proposed") throw new CliError(`line ${lineId} is ${line.status}; only a proposal not yet accepted can be cancelled (an open line: 'lets line close')`, ExitCode.failure);
    session.info(`Cancelling the proposal of line ${lineId}: it closes before opening; ${possessive(a.community.metadata.name)} gateways stay at 0, holding their seats`);
    const { submitted } = await session.execute(key, await lines.planCancel(lineId, key));
    if (!submitted) return ExitCode.ok;
    session.result([`cancelled line ${lineId}`, sentLine(submitted.id)], { txId: submitted.id, lineId, status: "closed" });
    return ExitCode.ok;
  });
}

/** `lets line refresh`: anyone recreates a dormant line box, or both ends of a dormant shard. */
async function refresh(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { line: { type: "string" }, shard: { type: "string" } });
  const session = new Session(values);
  const lineId = lineOption(values);
  const shard = values.shard === undefined ? undefined : shardOption(values.shard);
  return session.run("required", async (key) => {
    const lines = new LinesOverHttp(session.lets);
    const { line, gateways } = await lines.view(lineId);
    const height = await session.lets.node.height();
    if (shard !== undefined && BigInt(shard) >= line.terms.shards) throw new CliError(`line ${lineId} has ${line.terms.shards} shard${line.terms.shards === 1n ? "" : "s"} (0 to ${line.terms.shards - 1n}), not ${shard}`, ExitCode.usage);
    const ends = gateways.filter((g) => g.shard === shard);
    if (shard !== undefined && !ends.some((g) => g.side === 0)) throw new CliError(`line ${lineId} has no live gateway of A's for shard ${shard}`, ExitCode.failure);
    // A shard is refreshed when either end is dormant: the older one decides.
    const box = shard === undefined ? line : ends.reduce((x, y) => (y.creationHeight < x.creationHeight ? y : x));
    const what = shard === undefined ? "the line box" : `shard ${shard} (its older end)`;
    if (!isDormant(box.creationHeight, height)) {
      throw new CliError(
        `${what} is not dormant: it was last spent at height ${box.creationHeight}; anyone may refresh it from height ${dormantFrom(box.creationHeight)} (the chain is at ${height}); storage rent could reach it from ${rentFrom(box.creationHeight)}`,
        ExitCode.failure,
      );
    }
    // B's end goes only with an A end younger than a storage period (gateway-b.es): an older A end
    // is refreshed alone first, and a second run refreshes the pair.
    const endA = ends.find((g) => g.side === 0);
    const aAlone = endA !== undefined && ends.length === 2 && endA.creationHeight <= height + 1 - STORAGE_PERIOD_BLOCKS;
    if (aAlone) session.info(`A's end of shard ${shard} is older than a storage period: it is refreshed alone now; run this again after the next block for both ends`);
    const { submitted } = await session.execute(key, await lines.planRefresh(lineId, key, shard, { aAlone }));
    if (!submitted) return ExitCode.ok;
    session.result([`refreshed ${aAlone ? `A's end of shard ${shard}` : what} of line ${lineId}`, sentLine(submitted.id)], { txId: submitted.id, lineId, ...(shard === undefined ? {} : { shard }) });
    return ExitCode.ok;
  });
}

function shardOption(text: string): number {
  if (!/^[0-9]{1,2}$/.test(text)) throw new CliError(`--shard must be a shard number from 0 to 15, not '${text}'`, ExitCode.usage);
  return Number(text);
}

/** A reading subcommand has nothing to sign. */
function refuseUnsigned(values: { unsigned?: boolean }): void {
  if (values.unsigned) throw new CliError("this reads; it has no transaction to print (--unsigned)", ExitCode.usage);
}

/** `lets line show` */
async function show(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { line: { type: "string" } });
  refuseUnsigned(values);
  const session = new Session(values);
  const lineId = lineOption(values);
  return session.run("optional", async () => {
    const lines = new LinesOverHttp(session.lets);
    const view = await lines.view(lineId);
    const { line } = view;
    const names = new Names(session);
    await names.load(line.communityA, line.communityB);
    const positions = linePositions(view);
    const [a, b] = [names.of(line.communityA), names.of(line.communityB)];
    session.result(
      [...lineInWords(line, a, b), ...positionsInWords(line, positions, view.gateways, a, b)],
      { line: lineJson(line), positions: positions.map(positionJson), gateways: view.gateways.map(gatewayJson) },
    );
    return ExitCode.ok;
  });
}

/** `lets line list` */
async function list(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { community: { type: "string" } });
  refuseUnsigned(values);
  const session = new Session(values);
  const communityId = values.community === undefined ? undefined : idOption("community", values.community);
  return session.run("optional", async () => {
    const lines = new LinesOverHttp(session.lets);
    const found = communityId === undefined ? await lines.allLines() : await lines.linesOf(communityId);
    const names = new Names(session);
    await names.load(...new Set(found.flatMap((l) => [l.communityA, l.communityB])));
    const words = found.length === 0
      ? [communityId === undefined ? "No lines." : `${names.name(communityId)} has no lines.`]
      : found.map((l) => {
          const paused = [l.pausedA ? "A" : "", l.pausedB ? "B" : ""].filter(Boolean);
          const state = `${l.status}${paused.length > 0 ? `, paused into ${paused.join(" and ")}` : ""}${l.pending ? `, ${l.pending.kind === "close" ? "closing" : "new terms"} proposed` : ""}`;
          return `${l.lineId}  ${names.name(l.communityA)} (A) - ${names.name(l.communityB)} (B)  ${state}`;
        });
    session.result(words, { lines: found.map(lineJson) });
    return ExitCode.ok;
  });
}

const subcommands: Record<string, (args: readonly string[]) => Promise<number>> = {
  propose,
  accept,
  pause: (args) => pause(args, true),
  resume: (args) => pause(args, false),
  change,
  close,
  "accept-change": acceptChange,
  cancel,
  refresh,
  show,
  list,
};

/** `lets line` */
export const lineCommand: Command = {
  summary: "trade lines between communities: propose, accept, pause, resume, change, close, cancel, refresh, show, list",
  usage: lineUsage,
  async run(args) {
    const [name, ...rest] = args;
    if (name === undefined || name.startsWith("-")) {
      throw new CliError(`name what to do: lets line ${Object.keys(subcommands).join("|")} (lets line --help)`, ExitCode.usage);
    }
    const sub = subcommands[name];
    if (!sub) throw new CliError(`unknown subcommand '${name}': lets line ${Object.keys(subcommands).join("|")}`, ExitCode.usage);
    return sub(rest);
  },
};
