{
  // Account box, contract version 8 (plain) and 4 (economics): one per member
  // (docs/contracts.md, "Account box"; the economics levers: docs/economics.md).
  //   tokens  exactly (communityId, 1): the membership unit; it is what ties the box to its community
  //   R4 SigmaProp    owner
  //   R5 Long         balance
  //   R6 Coll[Long]   terms fixed at join: [creditLimit, positiveCap, collateralNanoErg,
  //                   inactivityBlocks, joinedHeight]; positiveCap is never 0 ("no cap" is
  //                   written as the largest cap the community's size allows)
  //                   plain, while underwritten (version 8, docs/underwriting.md), adds
  //                   [backed, hi1, lo1, ...]: the raises' sum and each stake's id
  //                   economics adds [demurragePpm, demurragePeriod, feeBps, feeMin, turnoverPpm,
  //                   stepUnits, stepBlocks, maxCreditLimit, newcomerBlocks]
  //   R7 Coll[Byte]   accountId (id of the community box spent by the join; unique forever)
  //   R8 Long         lastActiveHeight (last debit, or last credit while negative)
  //   R9              plain: Long nextSeq, the sequence number of the owner's next payment order
  //                   (version 5, docs/batches.md); economics: Coll[Long] [accrued,
  //                   chargedHeight, received, allowance, carry]
  // One ErgoTree for every account of every community (of one family): the token, not a constant,
  // says which community an account belongs to. Rare paths (leave, default, dormant close, and
  // with economics the sweep) lean on the community contract, which this script recognises by its
  // bytes (see the last branch). This source compiles to two trees: `//#if econ` blocks are only
  // in the economics tree, `//#else` blocks only in the plain one (contracts/compile.ts).
  //#if econ
  //#else
  // Batch settlement (version 5, plain family; docs/batches.md): when the first input is the
  // genuine batch contract (known by its hash), that one script checks every account of the
  // transaction, once, in time linear in the batch (successors, limits, caps, activity, signed
  // payment orders, zero-sum); an account then checks nothing itself. The batch box must be younger
  // than a storage period, so that its script ran (storage rent spends old boxes without their
  // scripts, and a creator may back-date a new box).
  if (blake2b256(INPUTS(0).propositionBytes) == batchHash &&
      INPUTS(0).creationInfo._1 > HEIGHT - storagePeriod) sigmaProp(true) else {
  //#endif
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
  //#if econ
  // The script first: a full community box holds exactly (communityId, 1) too, and a sweep
  // recreates it beside this account; its R7 is no accountId (found by the property tests).
  val successors = membersOut.filter { (b: Box) =>
    b.propositionBytes == SELF.propositionBytes && b.R7[Coll[Byte]].get == SELF.R7[Coll[Byte]].get
  }
  //#else
  val successors = membersOut.filter { (b: Box) => b.R7[Coll[Byte]].get == SELF.R7[Coll[Byte]].get }
  // Underwriting (version 8, docs/underwriting.md): an underwriting box bound to this account
  // (R5, R7), known by its hash and younger than a storage period (so its script ran), decides every
  // change of the terms: it is never in an ordinary payment. A lambda over the inputs from `u`, so a
  // payment never pays for the search (a body that did not depend on `u` would be hoisted and run
  // always): it runs only when the terms change, the balance stays, or the account exits.
  val backing = { (u: Int) =>
    INPUTS.slice(u, INPUTS.size).exists { (b: Box) =>
      blake2b256(b.propositionBytes) == underwritingHash && b.creationInfo._1 > HEIGHT - storagePeriod &&
        b.R5[Coll[Byte]].get == SELF.R7[Coll[Byte]].get &&
        // and this community: a box naming another would not find this account, so would check nothing
        b.R7[Coll[Byte]].get == SELF.tokens(0)._1
    }
  }
  //#endif
  //#if econ
  // What a member box is worth in the books: its balance, the charges it holds for the community
  // (accrued) and its unused newcomer allowance. Economics communities have no gateways.
  val worth = { (b: Box) => val e = b.R9[Coll[Long]].get; b.R5[Long].get + e(0) + e(3) }
  // A sweep or an exit: the first input holds this community's token under another script. It is
  // only a guess here; the last branch checks that the box is the genuine community.
  val first = INPUTS(0)
  val viaCommunity = first.tokens.size > 0 && first.tokens(0)._1 == SELF.tokens(0)._1 &&
    first.propositionBytes != SELF.propositionBytes
  //#endif

  //#if econ
  if (successors.size == 1 && !viaCommunity) {
  //#else
  if (successors.size == 1) {
  //#endif
    // Payment: the account stays. Only a credit (worth strictly up) needs no signature, so no
    // one but the owner can re-spend the box with its balance unchanged (no griefing for free).
    val out = successors(0)
    val newBalance = out.R5[Long].get
    val lastActive = out.R8[Long].get
    //#if econ
    val econ = SELF.R9[Coll[Long]].get
    val next = out.R9[Coll[Long]].get
    // What the payment moved in or out of this account (charges and allowance are inside it).
    val moved = worth(out) - worth(SELF)
    val byOwner = moved <= 0L
    // Charges (docs/economics.md). The payer's usage fee: max(feeMin, ceil(sent x feeBps / 10,000)),
    // 0 when nothing is sent; a payee pays none. Whatever else `accrued` gained is demurrage.
    val sent = -moved
    val fee = if (!byOwner || sent == 0L) 0L else {
      val share = (sent / 10000L) * terms(7) + ((sent % 10000L) * terms(7) + 9999L) / 10000L
      if (share > terms(8)) share else terms(8)
    }
    val due = next(0) - econ(0) - fee
    val used = econ(3) - next(3)                            // allowance spent on this payment
    // Demurrage on the balance before this payment, for the blocks from econ(1) to next(1),
    // exactly: owed = held x ppm x blocks + carry (in 256 bits) is due x scale + the new carry,
    // with the carry below scale, or due is the whole positive balance (and nothing carried).
    // Checked by multiplying, not dividing. A member cannot skip it: next(1) must be recent.
    val held = if (balance > 0L) balance else 0L
    val demurrageOk = if (terms(5) == 0L || held == 0L) due == 0L && next(4) == 0L else {
      val scale = terms(6) * 1000000L
      val owed = held.toBigInt * terms(5).toBigInt * (next(1) - econ(1)).toBigInt + econ(4).toBigInt
      if (due == held) next(4) == 0L && owed >= held.toBigInt * scale.toBigInt
      else due >= 0L && due < held && next(4) >= 0L && next(4) < scale &&
        due.toBigInt * scale.toBigInt + next(4).toBigInt == owed
    }
    // Earned credit limit: base + floor(received x turnoverPpm / 1,000,000) + stepUnits per
    // stepBlocks of membership, at most maxCreditLimit; capped step by step so no Long overflows.
    val limit = if (terms(9) == 0L && terms(10) == 0L) terms(0) else {
      val cap = terms(12)
      val turnover = (econ(2) / 1000000L) * terms(9) + (econ(2) % 1000000L) * terms(9) / 1000000L
      val steps = if (terms(11) == 0L) 0L else (HEIGHT.toLong - terms(4)) / terms(11)
      val stepped = if (terms(10) == 0L || steps <= cap / terms(10)) terms(10) * steps else cap
      val withTurnover = terms(0) + (if (turnover > cap) cap else turnover)
      val second = (if (withTurnover > cap) cap else withTurnover) + stepped
      if (second > cap) cap else second
    }
    val chargesOk = next.size == 5 && demurrageOk &&
      next(1) >= econ(1) && next(1) >= recent && next(1) <= HEIGHT &&
      (if (byOwner) {
        // The payer: at most half of the purchase from the allowance, only in the newcomer window.
        // Never more than is left: next(3) >= 0 (found by the property tests: a negative
        // allowance would have paid for anything).
        next(2) == econ(2) && used >= 0L && next(3) >= 0L && used * 2L <= sent &&
          (used == 0L || HEIGHT.toLong <= terms(4) + terms(13))
      } else {
        // A payee spends no allowance and counts what it received (up to 2^62).
        val room = 4611686018427387904L - econ(2)
        used == 0L && next(2) == (if (moved >= room) 4611686018427387904L else econ(2) + moved)
      })
    //#else
    // A withdrawn stake leaves the balance as it was and needs no owner (its underwriter signs).
    val byOwner = newBalance < balance || (newBalance == balance && !(backing(0)))
    //#endif
    sigmaProp(
      out.propositionBytes == SELF.propositionBytes &&   // still an account
      out.R4[SigmaProp].get == owner &&                  // owner unchanged
      //#if econ
      out.R6[Coll[Long]].get == terms &&                // terms unchanged
      //#else
      (out.R6[Coll[Long]].get == terms || backing(0)) && // terms unchanged, or as the stake says
      //#endif
      //#if econ
      chargesOk &&
      out.creationInfo._1 >= recent &&                  // not back-dated (storage rent)
      newBalance + limit >= 0L &&                       // the (earned) credit floor
      newBalance <= terms(1) &&                         // positive cap
      // nothing minted or burnt
      INPUTS.fold(0L, { (s: Long, b: Box) => if (isMember(b)) s + worth(b) else s }) ==
        membersOut.fold(0L, { (s: Long, b: Box) => s + worth(b) }) &&
      //#else
      // the order sequence (docs/batches.md): kept by a credit, only raised by the owner (to
      // revoke unsettled orders), never lowered, so no settled order can be settled again
      (if (byOwner) out.R9[Long].get >= SELF.R9[Long].get else out.R9[Long].get == SELF.R9[Long].get) &&
      out.creationInfo._1 >= recent &&                  // not back-dated (storage rent)
      newBalance + terms(0) >= 0L &&                    // credit floor, written without negation
      newBalance <= terms(1) &&                         // positive cap (a join writes one always)
      // nothing minted or burnt
      INPUTS.fold(0L, { (s: Long, b: Box) => if (isMember(b)) s + b.R5[Long].get else s }) ==
        membersOut.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get }) &&
      //#endif
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
    // With economics, a sweep too: the account stays, and the community contract checks that only
    // the accrued charges (and the demurrage due) move to the community.
    // The community tree is fixed apart from the account tree it embeds at `communityHole`, so it
    // is recognised by this script's own bytes at the hole and the hash of everything around it.
    // Leaving needs the owner; anyone may close a negative account (the community contract then
    // requires the inactivity window) or one whose box nobody spent for `dormantBlocks`.
    val community = INPUTS(0).propositionBytes
    val holeEnd = communityHole + SELF.propositionBytes.size
    sigmaProp(
      //#if econ
      successors.size < 2 &&
      //#else
      successors.size == 0 && (terms.size == 5 || backing(0)) &&  // stakes settle with the exit
      //#endif
      INPUTS(0).tokens(0)._1 == SELF.tokens(0)._1 &&
      // younger than a storage period, so spent by its script, not by storage rent
      INPUTS(0).creationInfo._1 > HEIGHT - storagePeriod &&
      community.slice(communityHole, holeEnd) == SELF.propositionBytes &&
      blake2b256(community.slice(0, communityHole) ++ community.slice(holeEnd, community.size)) == communityRest
    //#if econ
    ) && (sigmaProp(successors.size == 1) || owner || sigmaProp(balance < 0L || SELF.creationInfo._1 <= HEIGHT - dormantBlocks))
    //#else
    ) && (owner || sigmaProp(balance < 0L || SELF.creationInfo._1 <= HEIGHT - dormantBlocks))
    //#endif
  }
  //#if econ
  //#else
  }
  //#endif
}
