{
  // Exchange desk box, contract version 6 (plain family; docs/desk.md): a community's desk that
  // sells its units for ERG at a governed rate and buys them back, while its reserve lasts. It
  // holds a membership unit, so the accounts count its balance in their zero-sum books like any
  // member's: the units it issues are its debt (its balance falls below 0), and the units it buys
  // back pay that debt down. Payments never spend it: only trades, deposits and the committee do.
  //   tokens  exactly (communityId, 1)
  //   R4 (Coll[Long], Coll[Byte])  active terms and the oracle pool NFT (empty: a fixed rate):
  //        [rateNum, rateDen, buyFeeBps, sellFeeBps, issueLimit, periodBlocks, memberLimit,
  //         noticeBlocks, maxOracleAge, maxUnits]; rateNum units for rateDen x price nanoERG,
  //        where price is 1 for a fixed rate, else the pool's nanoERG per USD (R4 of the pool box)
  //   R5 Long        balance: minus the units outstanding (what the desk issued and not bought back)
  //   R6 SigmaProp   the desk's committee (the community's when the desk was opened)
  //   R7 Coll[Byte]  deskId: the id of the community box spent by the opening; unique forever
  //   R8 (Coll[Long], Coll[Byte])  the pending change: terms ++ [effectiveHeight] and NFT, or empty
  //   R9 (Coll[Long], Coll[Coll[Byte]])  this period's buyers: [period, issued...] and accountIds
  //   value          the reserve, always more than twice the storage fee of the box
  val current = SELF.R4[(Coll[Long], Coll[Byte])].get
  val pending = SELF.R8[(Coll[Long], Coll[Byte])].get
  // A change takes effect at its height, whether or not a trade has written it into R4 yet.
  val due = pending._1.size == 11 && HEIGHT.toLong >= pending._1(10)
  val t = if (due) pending._1.slice(0, 10) else current._1
  val nft = if (due) pending._2 else current._2
  val balance = SELF.R5[Long].get
  val committee = SELF.R6[SigmaProp].get
  val ledger = SELF.R9[(Coll[Long], Coll[Coll[Byte]])].get
  val recent = HEIGHT - maxAgeBlocks

  // The one successor: same script and deskId.
  val successors = OUTPUTS.filter { (b: Box) => b.propositionBytes == SELF.propositionBytes }.filter { (b: Box) =>
    b.R7[Coll[Byte]].get == SELF.R7[Coll[Byte]].get
  }
  val out = successors(0)
  val newBalance = out.R5[Long].get
  val outTerms = out.R4[(Coll[Long], Coll[Byte])].get
  val outPending = out.R8[(Coll[Long], Coll[Byte])].get
  val outLedger = out.R9[(Coll[Long], Coll[Coll[Byte]])].get
  // Terms kept, or, once the pending change is due, written in (either is fine: the price is
  // judged by HEIGHT above, so a trade built just before the change cannot escape it).
  val termsKept = (outTerms._1 == current._1 && outTerms._2 == current._2 &&
    outPending._1 == pending._1 && outPending._2 == pending._2) ||
    (due && outTerms._1 == t && outTerms._2 == nft && outPending._1.size == 0 && outPending._2.size == 0)
  // More than two storage fees (as lines and gateways): a desk nobody touches for a storage period
  // loses one fee to rent and still holds more than the next, so rent can never take it whole, its
  // unit and its debt with it, before anyone has had 4 more years to refresh it. Eight bytes more
  // than the box: rent recreates it at a later height, whose encoding may be longer (found by the
  // adversary tests: 1,004 -> 1,052,204 took one byte more and left it below its next fee).
  val successorOk = successors.size == 1 && out.tokens == SELF.tokens &&
    out.creationInfo._1 >= recent && out.value > (out.bytes.size.toLong + 8L) * deskFloorFactor
  val ledgerKept = outLedger._1 == ledger._1 && outLedger._2 == ledger._2

  val isMember = { (b: Box) => b.tokens == SELF.tokens }
  val membersIn = INPUTS.filter(isMember)
  val membersOut = OUTPUTS.filter(isMember)
  val alone = membersIn.size == 1 && membersOut.size == 1

  // The price in nanoERG per rate unit: 1 for a fixed rate; with an oracle, the pool box's R4,
  // read from a data input holding the pool NFT, posted at most maxOracleAge blocks ago.
  val pools = CONTEXT.dataInputs.filter { (b: Box) => b.tokens.size > 0 && b.tokens(0)._1 == nft }
  // Never throws: the interpreters evaluate this on every path, and a deposit, a refresh or the
  // committee's announcement must not need the pool box (the pool may be gone for good; found by
  // the adversary tests). Only a trade and a withdrawal check priceOk.
  val price = if (nft.size == 0 || pools.size == 0) 1L else pools(0).R4[Long].getOrElse(0L)
  val priceOk = nft.size == 0 || (pools.size > 0 && pools(0).creationInfo._1 >= HEIGHT - t(8) && price > 0L)

  // Trade: one member (an account: its R4 is the owner's key) buys or sells. The member's own
  // contract checks its side (the seller signs); this one checks the desk's.
  // In a lambda over the counterparty: sigmastate reads a block's registers even when the
  // conjunction before it is false, and a deposit or governance has no counterparty.
  val tradeOk = { (c: Box) =>
      val cOuts = membersOut.filter { (b: Box) => b.R7[Coll[Byte]].get == c.R7[Coll[Byte]].get }
      val cOut = cOuts(0)
      val moved = newBalance - balance
      val units = if (moved < 0L) -moved else moved
      val paid = out.value - SELF.value
      val cost = units.toBigInt * t(1).toBigInt * price.toBigInt
      c.R4[SigmaProp].get.propBytes.size > 0 && cOuts.size == 1 && priceOk &&
        c.R5[Long].get + balance == cOut.R5[Long].get + newBalance &&     // nothing minted here
        (if (moved < 0L) {
          // Buy: the reserve gains at least the units' cost plus the fee; rounding is the desk's.
          val id = c.R7[Coll[Byte]].get
          val period = if (t(5) == 0L) 0L else HEIGHT.toLong / t(5)
          val fresh = ledger._1(0) != period
          val at = ledger._2.indexOf(id, 0)
          val issued = if (fresh || at < 0) units else ledger._1(at + 1) + units
          paid.toBigInt * t(0).toBigInt * (10000L - t(2)).toBigInt >= cost * 10000.toBigInt &&
            -newBalance <= t(4) &&                                             // issue limit
            (if (t(6) == 0L) ledgerKept else {
              issued <= t(6) && (if (fresh) {
                outLedger._1 == Coll(period, units) && outLedger._2 == Coll(id)
              } else if (at < 0) {
                ledger._2.size < maxLedger && outLedger._1 == ledger._1 ++ Coll(units) && outLedger._2 == ledger._2 ++ Coll(id)
              } else {
                outLedger._2 == ledger._2 && outLedger._1.size == ledger._1.size &&
                  outLedger._1.indices.forall { (k: Int) => outLedger._1(k) == (if (k == at + 1) issued else ledger._1(k)) }
              })
            })
        } else {
          // Sell: the seller stays at 0 or above (no credit turns into ERG); the reserve pays at
          // most the units' worth less the fee, rounded down.
          moved > 0L && cOut.R5[Long].get >= 0L && newBalance <= t(9) && ledgerKept &&
            (-paid).toBigInt * t(0).toBigInt * 10000.toBigInt <= cost * (10000L - t(3)).toBigInt
        })
  }
  val trade = membersIn.size == 2 && membersOut.size == 2 && successorOk && termsKept &&
    out.R6[SigmaProp].get.propBytes == committee.propBytes &&
    membersIn.filter { (b: Box) => b.id != SELF.id }.forall(tradeOk)

  // Deposit, anyone: more ERG in the reserve (at least minBoxValue, so re-spending the desk for
  // nothing costs something); or a refresh of a dormant desk before storage rent could reach it.
  val deposit = alone && successorOk && termsKept && ledgerKept && newBalance == balance &&
    out.R6[SigmaProp].get.propBytes == committee.propBytes &&
    (out.value >= SELF.value + minBoxValue || (SELF.creationInfo._1 <= HEIGHT - dormantBlocks && out.value >= SELF.value))

  // Govern, the committee: announce a change of terms or NFT that takes effect no sooner than the
  // active notice period, or cancel one; change the committee; withdraw reserve only above what
  // buying back every outstanding unit at the active sell price would pay.
  val isKeys = { (p: Coll[Byte]) =>
    val isKey = { (i: Int) => p(i).toInt == -51 && (p(i + 1).toInt == 2 || p(i + 1).toInt == 3) }
    (p.size == 36 && isKey(2)) || (p.size > 5 && p(2).toInt == -104 && {
      val k = p(3).toInt
      val n = p(4).toInt
      k >= 1 && k <= n && p.size == 5 + 34 * n &&
        p.indices.forall { (i: Int) => i < 5 || (i - 5) % 34 != 0 || isKey(i) }
    })
  }
  val next = outPending._1
  val bounds = Coll(maxRate, maxRate, 9999L, 9999L, t(9), dormantBlocks.toLong, t(9), dormantBlocks.toLong, dormantBlocks.toLong, t(9))
  // Kept as it is (not yet due: its notice was checked when it was announced), cancelled, or a
  // new change with the full notice of the active terms.
  val announced = (!due && next == pending._1 && outPending._2 == pending._2) ||
    (next.size == 0 && outPending._2.size == 0) || (next.size == 11 &&
    next.slice(0, 10).indices.forall { (i: Int) => next(i) >= 0L && next(i) <= bounds(i) } &&
    next(0) >= 1L && next(1) >= 1L && next(8) >= 1L && next(9) == t(9) && (next(6) == 0L || next(5) >= 1L) &&
    (outPending._2.size == 0 || outPending._2.size == 32) &&
    next(10) >= HEIGHT.toLong + t(7) && next(10) <= HEIGHT.toLong + dormantBlocks.toLong)
  val outstanding = if (balance < 0L) -balance else 0L
  val govern = alone && successorOk && ledgerKept && newBalance == balance && announced &&
    outTerms._1 == t && outTerms._2 == nft &&
    isKeys(out.R6[SigmaProp].get.propBytes) &&
    (out.value >= SELF.value || (priceOk &&
      out.value.toBigInt * t(0).toBigInt * 10000.toBigInt >= outstanding.toBigInt * t(1).toBigInt * price.toBigInt * (10000L - t(3)).toBigInt))

  sigmaProp(trade || deposit) || (sigmaProp(govern) && committee)
}
