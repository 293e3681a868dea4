import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, DEFAULT_MAP_TILES, WebConfigError, checkConfig, tileOrigin } from "./settings.ts";

const BASE = { indexerUrl: "http://127.0.0.1:8080/", nodeUrl: "http://127.0.0.1:9052", network: "devnet" as const };

describe("the map's tile setting", () => {
  it("defaults to OpenStreetMap's tiles", () => {
    expect(checkConfig(BASE)).toEqual({ ...DEFAULT_CONFIG, indexerUrl: "http://127.0.0.1:8080", mapTiles: DEFAULT_MAP_TILES });
  });

  it("takes a {z}/{x}/{y} template, with a subdomain placeholder too", () => {
    const mapTiles = "https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png?key=abc";
    expect(checkConfig({ ...BASE, mapTiles }).mapTiles).toBe(mapTiles);
  });

  it("refuses a template without the three placeholders or not over http(s), naming the setting", () => {
    expect(() => checkConfig({ ...BASE, mapTiles: "https://tiles.example.org/{z}/{x}.png" })).toThrow(new WebConfigError("LETS_MAP_TILES must be an http(s) URL template with {z}, {x} and {y}: https://tiles.example.org/{z}/{x}.png"));
    expect(() => checkConfig({ ...BASE, mapTiles: "file:///tiles/{z}/{x}/{y}.png" })).toThrow(WebConfigError);
    expect(() => checkConfig({ ...BASE, mapTiles: "not a url {z}{x}{y}" })).toThrow(WebConfigError);
  });

  it("gives the origin the Content-Security-Policy allows images from", () => {
    expect(tileOrigin(DEFAULT_MAP_TILES)).toBe("https://tile.openstreetmap.org");
    expect(tileOrigin("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe("https://*.tile.example.org");
    expect(tileOrigin("http://127.0.0.1:9/{z}/{x}/{y}.png")).toBe("http://127.0.0.1:9");
  });
});
