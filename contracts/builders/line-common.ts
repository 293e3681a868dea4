/** Decoding a line or gateway box given to a builder, or refusing it with `NotALetsBox`. */
import type { Amount, Box } from "@fleet-sdk/common";
import { NotALetsBox } from "../errors.ts";
import { decodeGateway, decodeLine, type Gateway, type Line } from "../line/line.ts";

export function requireLine(box: Box<Amount>): Line {
  const result = decodeLine(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "line", result.reason);
  return result.value;
}

export function requireGateway(box: Box<Amount>): Gateway {
  const result = decodeGateway(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "gateway", result.reason);
  return result.value;
}
