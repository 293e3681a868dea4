/**
 * Where `lets desk` finds what it acts on, on any node: the community's desk among the live boxes
 * holding the community token (`/blockchain/box/unspent/byTokenId`, mempool applied, decoded with
 * `decodeDesk`), and the oracle pool box by its NFT for a desk priced in US dollars.
 */
import { resolve } from "node:path";
import { activeTerms, decodeDesk, type CommunityMetadata, type Desk, type DeskTerms } from "../../../contracts/index.ts";
import type { CommunityView, Identity, KeyHolder } from "../../../client/lets-over-http.ts";
import type { ChainBox } from "../../../ergo/node-client.ts";
import { CliError, ExitCode } from "../command.ts";
import { savedPoolNft } from "./oracle-state.ts";
import { deskRefusal } from "./desk-words.ts";
import type { Session } from "./session.ts";

/** The most boxes read for one community (as `LetsOverHttp.findCommunity`). */
const MAX_PAGE = 16_384;

/** A community and its desk as the node shows them now. */
export interface DeskState {
  view: CommunityView;
  desk: Desk;
  /** The chain tip; a transaction sent now is judged at `tipHeight + 1`. */
  tipHeight: number;
}

/** The live desks of a community. */
export async function desksOf(session: Session, communityId: string): Promise<Desk[]> {
  const boxes = await session.lets.node.unspentByTokenId(communityId, MAX_PAGE);
  return boxes.flatMap((box) => {
    const d = decodeDesk(box);
    return d.ok && d.value.communityId === communityId ? [d.value] : [];
  });
}

/** The community's desk (the one `deskId` names when it has several), or a clear refusal. */
export async function readDesk(session: Session, communityId: string, deskId?: string): Promise<DeskState> {
  const [view, desks, tipHeight] = await Promise.all([session.lets.community(communityId), desksOf(session, communityId), session.lets.node.height()]);
  const named = deskId === undefined ? desks : desks.filter((d) => d.deskId === deskId);
  if (named.length === 0) {
    const which = deskId === undefined ? "no exchange desk" : `no desk ${deskId}`;
    throw new CliError(`${view.community.metadata.name} has ${which} on this node: its committee opens one with 'lets desk open'`, ExitCode.failure);
  }
  if (named.length > 1) throw new CliError(`${view.community.metadata.name} has ${named.length} desks: name one with --desk (${named.map((d) => d.deskId).join(", ")})`, ExitCode.usage);
  return { view, desk: named[0]!, tipHeight };
}

/** The live box holding an oracle pool NFT, or undefined when none does. */
export async function oracleBox(session: Session, poolNft: string): Promise<ChainBox | undefined> {
  const boxes = await session.lets.node.unspentByTokenId(poolNft, 2);
  if (boxes.length > 1) throw new CliError(`more than one live box holds ${poolNft}: it is no pool NFT`, ExitCode.failure);
  return boxes[0];
}

/**
 * The oracle pool box a transaction sent now needs: the pool of the terms that apply at the next
 * block (a change may switch pools). Undefined for a fixed rate; a refusal when the pool is gone.
 */
export async function oracleFor(session: Session, desk: Desk, tipHeight: number): Promise<ChainBox | undefined> {
  const terms = activeTerms(desk, tipHeight + 1);
  if (terms.oracleNft === "") return undefined;
  const box = await oracleBox(session, terms.oracleNft);
  if (!box) throw new CliError(`no live box holds the desk's oracle pool NFT ${terms.oracleNft}: the desk cannot price in dollars until one does`, ExitCode.failure);
  return box;
}

/** The pool `--per usd` prices by: `--oracle-nft`, else the pool `lets oracle publish` saved for this node. */
export async function defaultPoolNft(session: Session, dataDir: string | undefined): Promise<string> {
  const nft = await savedPoolNft(resolve(dataDir ?? ".lets"), session.nodeUrl);
  if (nft === undefined) throw new CliError(`--per usd needs --oracle-nft ID: no pool saved for ${session.nodeUrl} ('lets oracle publish' saves one)`, ExitCode.usage);
  return nft;
}

/** Terms a desk is judged by at the next block. */
export const nextTerms = (state: DeskState): DeskTerms => activeTerms(state.desk, state.tipHeight + 1);

/** Options every `lets desk` subcommand has. */
export const deskOptions = { community: { type: "string" }, desk: { type: "string" }, data: { type: "string" } } as const;

/** A subcommand's work: the key (undefined only for a read), and `known` to say the community once read. */
export type DeskAction = (key: Identity | KeyHolder, known: (metadata: CommunityMetadata) => void) => Promise<number>;

/** Runs `action` in the session, the desk's typed refusals as one line each in the community's units. */
export function runDesk(session: Session, keyUse: "required" | "optional", action: DeskAction): Promise<number> {
  let metadata: CommunityMetadata | undefined;
  const guarded = async (key: Identity | KeyHolder) => {
    try {
      return await action(key, (m) => (metadata = m));
    } catch (error) {
      throw deskRefusal(error, metadata);
    }
  };
  // A read passes no key: its action ignores the first argument.
  return keyUse === "required" ? session.run("required", guarded) : session.run("optional", (key) => guarded(key as Identity));
}
