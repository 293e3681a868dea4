{
  // Escrow box, contract version 7 (plain family; docs/escrow.md): a member's standing escrow for
  // post-factum payments. It holds a membership unit, so the accounts count its balance in their
  // zero-sum books like any member's: units committed to an order sit here, out of the payer's
  // account, and cannot be spent twice. It holds one order at a time and is used again after.
  //   tokens  exactly (communityId, 1)
  //   R4 Coll[Long]  the order: [max, minimum, deadline]; empty while idle
  //   R5 Long        balance: max while an order is open, 0 while idle
  //   R6 Coll[Byte]  payerId ++ payeeId (accountIds, 64 bytes) while open; empty while idle
  //   R7 Coll[Byte]  escrowId: the id of the community box spent by the opening; unique forever
  //   R8 SigmaProp   owner: the key of the member who opened it (its account's owner)
  //   R9 Coll[Byte]  the order's reference (at most 64 bytes, e.g. a hash of what was ordered)
  //   value          the owner's deposit, more than twice the storage fee of the box
  // Paths: commit (the owner, idle -> open); settle (open -> idle: the payer releases from the
  // minimum to the maximum, the payee refunds, or, after the deadline, anyone returns an order
  // without a minimum to the payer); claim (anyone, after the deadline: the minimum to the payee,
  // the rest stays as an order without a minimum); refresh (anyone, dormant); close (the seat goes
  // back to the community box).
  val terms = SELF.R4[Coll[Long]].get
  val balance = SELF.R5[Long].get
  val parties = SELF.R6[Coll[Byte]].get
  val id = SELF.R7[Coll[Byte]].get
  val owner = SELF.R8[SigmaProp].get
  val recent = HEIGHT - maxAgeBlocks
  val dormant = SELF.creationInfo._1 <= HEIGHT - dormantBlocks

  val isMember = { (b: Box) => b.tokens == SELF.tokens }
  val membersIn = INPUTS.filter(isMember)
  val membersOut = OUTPUTS.filter(isMember)
  val successors = membersOut.filter { (b: Box) =>
    b.propositionBytes == SELF.propositionBytes && b.R7[Coll[Byte]].get == id
  }

  if (successors.size == 1) {
    val out = successors(0)
    val outTerms = out.R4[Coll[Long]].get
    val outBalance = out.R5[Long].get
    val outParties = out.R6[Coll[Byte]].get
    val outRef = out.R9[Coll[Byte]].get
    // More than two storage fees (eight bytes more than the box: a later height may encode longer),
    // as desks and lines: an open escrow whose payer and payee are gone may sit untouched, and rent
    // must then need three periods to take it whole, unit and all; the deposit never shrinks.
    val kept = out.R8[SigmaProp].get.propBytes == owner.propBytes && out.creationInfo._1 >= recent &&
      out.value >= SELF.value && out.value > (out.bytes.size.toLong + 8L) * floorFactor
    // Refresh, anyone: a dormant escrow recreated unchanged, alone, before rent could reach it.
    val refresh = dormant && membersIn.size == 1 && membersOut.size == 1 && outTerms == terms &&
      outBalance == balance && outParties == parties && outRef == SELF.R9[Coll[Byte]].get
    if (balance == 0L) {
      // Commit, the owner: max units leave the owner's account (the one other member) for this box.
      // In a lambda over that account: a refresh has none, and sigmastate reads a block's
      // registers eagerly.
      val commitOk = { (payer: Box) =>
        val payerId = payer.R7[Coll[Byte]].get
        val payerOuts = membersOut.filter { (b: Box) => b.R7[Coll[Byte]].get == payerId }
        payerOuts.size == 1 && payer.R4[SigmaProp].get.propBytes == owner.propBytes &&
          outParties.size == 64 && outParties.slice(0, 32) == payerId &&
          outParties.slice(32, 64) != payerId && outParties.slice(32, 64) != id &&
          outTerms.size == 3 && outTerms(0) >= 1L && outBalance == outTerms(0) &&
          outTerms(1) >= 0L && outTerms(1) <= outTerms(0) &&
          outTerms(2) > HEIGHT.toLong && outTerms(2) <= HEIGHT.toLong + dormantBlocks &&
          payer.R5[Long].get - payerOuts(0).R5[Long].get == outBalance && outRef.size <= 64
      }
      val others = membersIn.filter { (b: Box) => b.R7[Coll[Byte]].get != id }
      sigmaProp(kept && refresh) ||
        (sigmaProp(kept && membersIn.size == 2 && membersOut.size == 2 && others.size == 1 && others.forall(commitOk)) && owner)
    } else {
      // Settle: the payee's account gains r, the payer's the rest; nothing else moves, and the
      // escrow is idle again. A party absent from the transaction gains 0. Claim: the payee gains
      // the minimum and the payer's account stays out (a payer gone, or kept near its positive
      // cap, cannot block it); the rest stays here, an order without a minimum.
      val payerId = parties.slice(0, 32)
      val payeeId = parties.slice(32, 64)
      val minimum = terms(1)
      val deadline = terms(2)
      val gained = { (who: Coll[Byte]) =>
        val ins = membersIn.filter { (b: Box) => b.R7[Coll[Byte]].get == who }
        val outs = membersOut.filter { (b: Box) => b.R7[Coll[Byte]].get == who }
        if (ins.size == 1 && outs.size == 1) outs(0).R5[Long].get - ins(0).R5[Long].get
        else if (ins.size == 0 && outs.size == 0) 0L else -1L
      }
      val r = gained(payeeId)
      val rest = gained(payerId)
      val idleOut = outBalance == 0L && outTerms.size == 0 && outParties.size == 0 && outRef.size == 0
      val moved = r >= 0L && rest >= 0L && membersIn.size == membersOut.size &&
        membersIn.forall { (b: Box) => val k = b.R7[Coll[Byte]].get; k == id || k == payerId || k == payeeId }
      val settled = moved && r + rest == balance && idleOut
      val claimed = moved && HEIGHT.toLong > deadline && minimum > 0L && r == minimum && rest == 0L &&
        outBalance == balance - minimum && (if (outBalance == 0L) idleOut else {
          outTerms == Coll(outBalance, 0L, deadline) && outParties == parties && outRef == SELF.R9[Coll[Byte]].get
        })
      val payees = membersIn.filter { (b: Box) => b.R7[Coll[Byte]].get == payeeId }
      // The payee's key, from its account; only a refund (r = 0) needs it.
      val payeeKey = if (payees.size == 1 && r == 0L) payees(0).R4[SigmaProp].get else sigmaProp(false)
      sigmaProp(kept && (refresh || claimed)) || (sigmaProp(kept && settled) && (
        // the payer: from the minimum to the maximum; anything once the payee's claim window is over
        (owner && sigmaProp(r >= minimum || HEIGHT.toLong > deadline + graceBlocks)) ||
        // the payee: a refund of everything
        payeeKey ||
        // anyone, after the deadline, an order without a minimum: everything back to the payer
        sigmaProp(HEIGHT.toLong > deadline && minimum == 0L && r == 0L)
      ))
    }
  } else {
    // Close, idle: the unit goes back to the box spent first (the community box: its closeEscrow
    // path checks this box), one seat more, and to no other box. Only the genuine community box
    // can be spent first here and gain a unit: an account, a desk or a gateway keeps exactly one,
    // and this script refuses another escrow. No other input holds the community's token, so an
    // exit beside it cannot burn a seat or share the owner's payout (found by the adversary tests).
    // The owner, or anyone once the escrow is dormant, the deposit then going back to the owner
    // less minBoxValue for the closer.
    val c = INPUTS(0)
    val co = OUTPUTS(0)
    val cid = SELF.tokens(0)._1
    sigmaProp(successors.size == 0 && balance == 0L && c.propositionBytes != SELF.propositionBytes &&
      c.tokens.size > 0 && c.tokens(0)._1 == cid && co.propositionBytes == c.propositionBytes &&
      co.tokens.size > 0 && co.tokens(0)._1 == cid && co.tokens(0)._2 == c.tokens(0)._2 + 1L &&
      INPUTS.filter { (b: Box) => b.tokens.exists { (u: (Coll[Byte], Long)) => u._1 == cid } }.size == 2 &&
      OUTPUTS.filter { (b: Box) => b.tokens.exists { (u: (Coll[Byte], Long)) => u._1 == cid } }.size == 1) &&
      (owner || sigmaProp(dormant && OUTPUTS.exists { (b: Box) =>
        b.propositionBytes == owner.propBytes && b.value >= SELF.value - minBoxValue
      }))
  }
}
