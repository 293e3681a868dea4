/**
 * The networks a web server or a `lets` command works on, by name, and the address network
 * (fleet-sdk's `Network`, the address prefix) each one uses. Browser-safe: the create form uses it.
 */
import { Network } from "@fleet-sdk/core";

export const NETWORKS = ["devnet", "testnet", "mainnet"] as const;
export type NetworkName = (typeof NETWORKS)[number];

/** Whether `name` is one of the NETWORKS. */
export const isNetworkName = (name: string): name is NetworkName => (NETWORKS as readonly string[]).includes(name);

/** The address network of a network: the devnet uses testnet addresses. */
export const addressNetwork = (network: NetworkName): Network => (network === "mainnet" ? Network.Mainnet : Network.Testnet);
