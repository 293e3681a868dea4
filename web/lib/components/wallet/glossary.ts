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
  governance: {
    term: "member governance",
    short: "Members decide by vote how the rules change and where the treasury goes, instead of the committee.",
    long: "A community starts with its committee deciding: it may change the rules for future joins, the metadata and itself, and spend the treasury. The committee may switch the community, once and for ever, to member governance: any member may then propose one exact change, with a deposit; every account that joined before the proposal opened has one vote (for, against or abstain) for a window of blocks; anyone counts the votes and, if enough members voted (the quorum) and enough of them were for (the majority), anyone carries out exactly that change. In the mode with a committee veto, the committee may stop a passed proposal for a while after the vote. The contracts enforce every step: nobody can carry out a change the members did not approve.",
  },
  blocks: {
    term: "blocks",
    short: "Time on Ergo is counted in blocks: about one every 2 minutes, so 720 blocks are about a day.",
    long: "The contracts cannot read a clock; they count blocks. Ergo adds a block about every 2 minutes, so 30 blocks are about an hour, 720 blocks about a day and 262,800 blocks about a year. Windows such as a community's inactivity window are written in blocks, and the pages say “block 1,234” where a date would be approximate.",
  },
  economics: {
    term: "economics levers",
    short: "Rules a community may choose at creation: demurrage, a usage fee, an earned credit limit, a newcomer allowance.",
    long: "A community chooses at its creation whether it uses economics levers, and the contracts then enforce them on every payment. Without them it uses the plain contracts, the cheapest per payment; with any of them it uses the economics contracts for good (levers cannot be added later). The committee may change the levers, but only for members who join afterwards: each account keeps the terms it joined with. What the levers collect (usage fees, demurrage) is held in each account for the community until anyone sweeps it into the community balance.",
  },
  demurrage: {
    term: "demurrage",
    short: "A holding fee: a balance above 0 loses a small share each period, so money circulates instead of being hoarded.",
    long: "Demurrage is a fee on holding money: a balance above 0 loses a share each period (1% a month, say), counted block by block and charged to the community whenever the account is next used. A balance at or below 0 owes none, and spending avoids it. The part of a unit not yet due is remembered, so nothing is lost to rounding either way.",
  },
  "usage-fee": {
    term: "usage fee",
    short: "A share of each payment (perhaps with a minimum) that goes to the community.",
    long: "A usage fee is a share of what a payer sends, rounded up, and at least the community's minimum; it goes to the community and funds it. The payee pays nothing. It is shown before you sign.",
  },
  "earned-credit-limit": {
    term: "earned credit limit",
    short: "A credit limit that grows with what a member has received and how long they have been a member, up to a maximum.",
    long: "Instead of one credit limit for everyone, a community may let members earn theirs: a base limit, plus a share of everything the member has received, plus a step for each period of membership, up to a maximum. Anyone can recompute it from the account on the chain; the account page shows how it was reached.",
  },
  allowance: {
    term: "newcomer allowance",
    short: "Units a community gives each newcomer, which may pay up to half of each purchase during their first weeks.",
    long: "A newcomer without a reputation may find no one to sell to them on credit. A community may give each newcomer an allowance from the community balance: during the newcomer window it pays up to half of each purchase, the rest coming from the newcomer's own balance. What is left returns to the community when the member leaves.",
  },
  "payment-order": {
    term: "payment order",
    short: "A payment signed now and settled later: your key signs an order, and a batch moves the units once settled.",
    long: "A payment order is a cheque: your account's key signs it without a transaction, naming the payee, the amount, a number and the last block it may be settled in. Anyone may settle orders, many in one batch transaction; the settlement service does so every block. Until then the units stay in your balance, the order is pending, and you can revoke it from your account's page. Orders of one payer settle in the order of their numbers. Only plain communities have them, and only a wallet that can sign the order's format (the development wallet, or lets order on the command line; not Nautilus).",
  },
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;
