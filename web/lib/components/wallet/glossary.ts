/**
 * The few words the wallet cannot avoid, explained once: shown as a "?" link beside the word
 * (its title is the short sentence) and in full on /help.
 */
export const GLOSSARY = {
  erg: {
    term: "ERG",
    short: "Ergo's own coin. It pays the network's fees and the deposits a community asks for; it is not the community's currency.",
    long: "ERG is the coin of the Ergo blockchain, where the communities' rules and accounts live. Your wallet holds ERG; the network takes a little of it as a fee for every transaction, and a community may ask for ERG to join (a joining fee and a collateral). The community's own currency is counted in its own units, not in ERG.",
  },
  collateral: {
    term: "collateral",
    short: "ERG locked in your account while you are a member; returned when you leave, lost only if you default on a debt.",
    long: "The collateral is ERG kept in your account box while you are a member. You get it back when you leave (at a balance of 0). If you stay in debt and inactive past the community's window, anyone may close your account: the collateral then goes to the community's treasury, and the rest of your account's ERG comes back to you.",
  },
  "fee-reserve": {
    term: "fee reserve",
    short: "ERG in your account box above the collateral; each payment you make takes its network fee from it.",
    long: "Your account box holds your collateral, a small minimum every box on Ergo must hold, and above them a fee reserve. Every payment you make takes its network fee from that reserve, so paying needs nothing from your wallet. Joining puts in enough for ten payments. When it runs out, payments can no longer take their fee from the account: top it up on the wallet page (“Top up the fee reserve” under the account), which adds ERG from your wallet. Everything the account holds, what you added included, comes back to your wallet when you leave.",
  },
  "credit-limit": {
    term: "credit limit",
    short: "How far below zero your balance may go: you can pay up to your balance plus this limit.",
    long: "In a mutual-credit currency members start at zero and may go below it: paying when you hold nothing creates a debt to the community, repaid by selling to others. The credit limit is how far below zero your balance may go; the contracts refuse any payment past it. So you can pay up to your balance plus your credit limit. A community may also cap how much anyone may hold (the positive cap), which can limit what a particular member can receive.",
  },
  blocks: {
    term: "blocks",
    short: "Time on Ergo is counted in blocks: about one every 2 minutes, so 720 blocks are about a day.",
    long: "The contracts cannot read a clock; they count blocks. Ergo adds a block about every 2 minutes, so 30 blocks are about an hour, 720 blocks about a day and 262,800 blocks about a year. Windows such as a community's inactivity window are written in blocks, and the pages say “block 1,234” where a date would be approximate.",
  },
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;
