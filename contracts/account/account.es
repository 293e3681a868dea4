{
  // Account box, contract version 3: one per member (docs/contracts.md, "Account box").
  //   tokens  exactly (communityId, 1): the membership unit; it is what ties the box to its community
  //   R4 SigmaProp    owner
  //   R5 Long         balance
  //   R6 Coll[Long]   terms fixed at join: [creditLimit, positiveCap, collateralNanoErg,
  //                   inactivityBlocks, joinedHeight]; positiveCap is never 0 ("no cap" is
  //                   written as the largest cap the community's size allows)
  //   R7 Coll[Byte]   accountId (id of the community box spent by the join; unique forever)
  //   R8 Long         lastActiveHeight (last debit, or last credit while negative)
  // One ErgoTree for every account of every community: the token, not a constant, says which
  // community an account belongs to. Rare paths (leave, default, dormant close) lean on the
  // community contract, which this script recognises by its bytes (see the exit path).
  val balance = SELF.R5[Long].get
  val terms = SELF.R6[Coll[Long]].get
  val owner = SELF.R4[SigmaProp].get
  val recent = HEIGHT - maxAgeBlocks

  // A member of this community: any box holding exactly SELF's token, (communityId, 1). Units
  // leave the community box only into accounts (join) and gateways (trade lines), whose own
  // scripts keep them, so every member's balance is in the books (docs/inter-lets.md).
  val isMember = { (b: Box) => b.tokens == SELF.tokens }
  val membersOut = OUTPUTS.filter(isMember)
  // The successor is found by accountId, never by position.
  val successors = membersOut.filter { (b: Box) => b.R7[Coll[Byte]].get == SELF.R7[Coll[Byte]].get }

  if (successors.size == 1) {
    // Payment: the account stays. Only a credit (balance strictly up) needs no signature, so no
    // one but the owner can re-spend the box with its balance unchanged (no griefing for free).
    val out = successors(0)
    val newBalance = out.R5[Long].get
    val lastActive = out.R8[Long].get
    val byOwner = newBalance <= balance
    sigmaProp(
      out.propositionBytes == SELF.propositionBytes &&   // still an account
      out.R4[SigmaProp].get == owner &&                  // owner unchanged
      out.R6[Coll[Long]].get == terms &&                // terms unchanged
      out.R9[Int].isEmpty &&                            // no registers beyond R8
      out.creationInfo._1 >= recent &&                  // not back-dated (storage rent)
      newBalance + terms(0) >= 0L &&                    // credit floor, written without negation
      newBalance <= terms(1) &&                         // positive cap (a join writes one always)
      // nothing minted or burnt
      INPUTS.fold(0L, { (s: Long, b: Box) => if (isMember(b)) s + b.R5[Long].get else s }) ==
        membersOut.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get }) &&
      (if (byOwner) {
        // The payer marks activity now and may pay the fee from its ERG, down to the floor.
        lastActive >= recent && lastActive <= HEIGHT && out.value >= terms(2) + minBoxValue
      } else {
        // A payee: value never lower; activity kept, except that a credit to a negative balance
        // is activity, marked now (a debtor working its debt down by selling is not in default).
        val wasActive = SELF.R8[Long].get
        out.value >= SELF.value && (if (balance < 0L) {
          lastActive >= recent && lastActive >= wasActive && lastActive <= HEIGHT
        } else lastActive == wasActive)
      })
    ) && (if (byOwner) owner else sigmaProp(true))        // only a credit needs no owner
  } else {
    // Exit (leave, default, dormant close): the genuine community box must be the first input; its
    // contract takes the unit back, books the balance, checks the windows and pays the owner.
    // The community tree is fixed apart from the account tree it embeds at `communityHole`, so it
    // is recognised by this script's own bytes at the hole and the hash of everything around it.
    // Leaving needs the owner; anyone may close a negative account (the community contract then
    // requires the inactivity window) or one whose box nobody spent for `dormantBlocks`.
    val community = INPUTS(0).propositionBytes
    val holeEnd = communityHole + SELF.propositionBytes.size
    sigmaProp(
      successors.size == 0 &&
      INPUTS(0).tokens(0)._1 == SELF.tokens(0)._1 &&
      // younger than a storage period, so spent by its script, not by storage rent
      INPUTS(0).creationInfo._1 > HEIGHT - storagePeriod &&
      community.slice(communityHole, holeEnd) == SELF.propositionBytes &&
      blake2b256(community.slice(0, communityHole) ++ community.slice(holeEnd, community.size)) == communityRest
    ) && (owner || sigmaProp(balance < 0L || SELF.creationInfo._1 <= HEIGHT - dormantBlocks))
  }
}
