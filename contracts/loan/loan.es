{
  // Loan box (docs/loans.md): an ERG loan between an investor, a business and a bank. No
  // community token is involved. The bank's offer mints a singleton loan token into it (its id is
  // the offer's first input's id); the bank's bond box names that id and is spendable only beside
  // this box (bond.es). The offer runs no script: builders and readers check the genesis.
  //   tokens  exactly (loanId, 1)
  //   R4 Coll[Long]  tranches: [amount0, unlockHeight0, amount1, unlockHeight1, ...]
  //   R5 Coll[Long]  instalments: [amount0, dueHeight0, amount1, dueHeight1, ...] (principal + interest)
  //   R6 Coll[Long]  state: [graceBlocks, drawn tranches, repaid, claimed, funded (0 or 1)]
  //   R7 SigmaProp   bank
  //   R8 SigmaProp   business
  //   R9 SigmaProp   investor (the bank's key as a placeholder while unfunded)
  //   value          the bank's deposit (more than two storage fees) plus the undrawn principal
  // Paths with a successor: fund (anyone, unfunded), draw (the business), repay (anyone), claim
  // (the investor). Without one, the token burnt: cancel (the bank, unfunded), release (the bank,
  // once repaid + claimed covers every instalment, or the investor's claim window is over).
  val tranches = SELF.R4[Coll[Long]].get
  val instalments = SELF.R5[Coll[Long]].get
  val state = SELF.R6[Coll[Long]].get
  val bank = SELF.R7[SigmaProp].get
  val investor = SELF.R9[SigmaProp].get
  val grace = state(0)
  val drawn = state(1)
  val repaid = state(2)
  val claimed = state(3)
  val funded = state(4) == 1L
  val loanId = SELF.tokens(0)._1
  // Every instalment's amount, and those whose grace window is over (due + grace < HEIGHT).
  val total = instalments.indices.fold(0L, { (acc: Long, i: Int) =>
    if (i % 2 == 0) acc + instalments(i) else acc
  })
  val late = instalments.indices.fold(0L, { (acc: Long, i: Int) =>
    if (i % 2 == 0) { if (HEIGHT.toLong > instalments(i + 1) + grace) acc + instalments(i) else acc } else acc
  })
  val lastDue = instalments.indices.fold(0L, { (acc: Long, i: Int) =>
    if (i % 2 == 1 && instalments(i) > acc) instalments(i) else acc
  })
  val undrawn = tranches.indices.fold(0L, { (acc: Long, i: Int) =>
    if (i % 2 == 0 && i / 2 >= drawn.toInt) acc + tranches(i) else acc
  })

  val successors = OUTPUTS.filter { (b: Box) => b.tokens.exists { (t: (Coll[Byte], Long)) => t._1 == loanId } }

  if (successors.size == 1) {
    val out = successors(0)
    val s = out.R6[Coll[Long]].get
    // The terms never change, the box stays a loan box holding only its token, recreated recently
    // (rent counts from its creation height), worth more than two storage fees with eight bytes of
    // room (a later state may encode longer), so rent cannot take it whole.
    val kept = out.propositionBytes == SELF.propositionBytes && out.tokens.size == 1 &&
      out.tokens(0)._2 == 1L && out.R4[Coll[Long]].get == tranches &&
      out.R5[Coll[Long]].get == instalments && out.R7[SigmaProp].get.propBytes == bank.propBytes &&
      out.R8[SigmaProp].get.propBytes == SELF.R8[SigmaProp].get.propBytes &&
      s.size == 5 && s(0) == grace && out.creationInfo._1 >= HEIGHT - maxAgeBlocks &&
      out.value > (out.bytes.size.toLong + 8L) * floorFactor
    val sameInvestor = out.R9[SigmaProp].get.propBytes == investor.propBytes
    if (!funded) {
      // Fund, anyone: the whole principal comes in and the funder names the investor.
      sigmaProp(kept && s(1) == 0L && s(2) == 0L && s(3) == 0L && s(4) == 1L &&
        out.value == SELF.value + undrawn)
    } else {
      val stillFunded = kept && sameInvestor && s(4) == 1L
      // Draw, the business: the next tranche leaves, exactly its amount; unlocked by its height or
      // by the bank's signature (a milestone).
      val drawOk = stillFunded && drawn < (tranches.size / 2).toLong && s(1) == drawn + 1L &&
        s(2) == repaid && s(3) == claimed && out.value == SELF.value - tranches(2 * drawn.toInt)
      val unlocked = drawOk && HEIGHT.toLong >= tranches(2 * drawn.toInt + 1)
      // Repay, anyone: the repaid total rises by exactly what outputs to the investor's key
      // tagged with this loan's id carry, never past what is owed.
      val paid = OUTPUTS.filter { (b: Box) =>
        b.propositionBytes == investor.propBytes && b.R4[Coll[Byte]].isDefined && b.R4[Coll[Byte]].get == loanId
      }.fold(0L, { (acc: Long, b: Box) => acc + b.value })
      // The loan first: no exit of a LETS account (the community box first) can share the
      // transaction, so no owner's payout there counts as a repayment too (found by the
      // underwriting adversary).
      val repayOk = stillFunded && INPUTS(0).id == SELF.id && s(1) == drawn && s(3) == claimed && out.value == SELF.value &&
        s(2) > repaid && s(2) - repaid == paid && s(2) + claimed <= total
      // Claim, the investor: at most what instalments past their grace window still miss.
      val claimOk = stillFunded && s(1) == drawn && s(2) == repaid && out.value == SELF.value &&
        s(3) > claimed && s(3) - claimed <= late - repaid - claimed
      sigmaProp(repayOk) || (SELF.R8[SigmaProp].get && (sigmaProp(unlocked) || (sigmaProp(drawOk) && bank))) ||
        (sigmaProp(claimOk) && investor)
    }
  } else {
    // Cancel (unfunded) or release, the bank: the token is burnt, and the bond may go back
    // (bond.es). Release once every instalment is repaid or claimed, or once the investor's claim
    // window after the last instalment's grace is over (a default the bond could not cover must
    // not lock the bond's rest and both deposits for ever); the undrawn principal to the investor.
    val undrawnBack = undrawn == 0L || OUTPUTS.exists { (b: Box) => b.propositionBytes == investor.propBytes && b.value >= undrawn }
    val settled = repaid + claimed >= total || HEIGHT.toLong > lastDue + grace + claimWindowBlocks
    // The loan first here too, so the undrawn principal's output is no one else's payout.
    sigmaProp(successors.size == 0 && INPUTS(0).id == SELF.id && (!funded || (settled && undrawnBack))) && bank
  }
}
