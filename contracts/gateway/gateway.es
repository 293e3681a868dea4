{
  // Gateway box, side A, contract version 3: community A's end of one shard of a trade line
  // (docs/inter-lets.md). It holds a membership unit of A, so A's accounts count its balance in
  // their zero-sum books like any member's; no key owns it: the line's terms decide. It checks
  // the whole shard pair, B's end included; B's end (gateway-b.es) only requires this one spent
  // with it and keeps B's books.
  //   tokens  exactly (communityA, 1)
  //   R4 Coll[Long]  [maxUnits]: the bound of every balance in the community
  //   R5 Long        balance = the line's trade position in this community + fees held
  //   R6 Long        fees held: units the community earned from the line (part of the balance)
  //   R7 Coll[Byte]  gatewayId = lineId ++ [side, shard]: side 0 here, 1 at B's end
  //   value          more than twice the box's storage fee (lineFloorFactor per byte)
  // A cross payment spends A's and B's gateways of one shard and reads the line box as a data
  // input. The side whose trade position rises is the sender: its payer paid in; the receiver's
  // position falls by exactly floor(sent x rate) and stays within the sender's cap.
  val id = SELF.R7[Coll[Byte]].get
  val lineId = id.slice(0, 32)
  val line = CONTEXT.dataInputs.filter { (b: Box) => b.tokens.size == 1 && b.tokens(0)._1 == lineId }(0)
  val terms = line.R5[Coll[Long]].get
  val state = line.R6[Coll[Long]].get
  // B's end of this shard: B's unit (as the line names B) and the id lineId ++ [1, shard].
  val partnerUnit = Coll((line.R4[Coll[Byte]].get.slice(32, 64), 1L))
  val partnerId = lineId ++ Coll(1.toByte, id(33))
  val isPartner = { (b: Box) => b.tokens == partnerUnit && b.R7[Coll[Byte]].get == partnerId }
  val partners = INPUTS.filter(isPartner)
  // The one successor of a gateway: same script, id, unit and bound; ERG not lower and above the
  // storage fee; not back-dated; no R8.
  val successorOf = { (b: Box) =>
    OUTPUTS.filter { (o: Box) => o.propositionBytes == b.propositionBytes }.filter { (o: Box) => o.R7[Coll[Byte]].get == b.R7[Coll[Byte]].get }
  }
  val kept = { (b: Box) =>
    val outs = successorOf(b)
    val o = outs(0)
    outs.size == 1 && o.tokens == b.tokens && o.R4[Coll[Long]].get == b.R4[Coll[Long]].get && o.R8[Int].isEmpty &&
      o.creationInfo._1 >= HEIGHT - maxAgeBlocks && o.value >= b.value && o.value > o.bytes.size.toLong * lineFloorFactor &&
      o.R5[Long].get >= -(b.R4[Coll[Long]].get(0)) && o.R5[Long].get <= b.R4[Coll[Long]].get(0)
  }
  // No B end among the inputs: this end stands for both, which only the refresh below allows (a
  // proposal B never accepted, or cancelled, has no B end to be refreshed with).
  val partnerIn = if (partners.size == 0) SELF else partners(0)
  val out = successorOf(SELF)(0)
  val partnerOut = successorOf(partnerIn)(0)
  val fees = SELF.R6[Long].get
  val outFees = out.R6[Long].get
  val partnerFees = partnerOut.R6[Long].get - partnerIn.R6[Long].get
  val positionA = out.R5[Long].get - outFees
  val positionB = partnerOut.R5[Long].get - partnerOut.R6[Long].get
  val tradeA = positionA - (SELF.R5[Long].get - fees)
  val tradeB = positionB - (partnerIn.R5[Long].get - partnerIn.R6[Long].get)
  val dormant = { (b: Box) => b.creationInfo._1 <= HEIGHT - dormantBlocks }
  // One B end at most: a second with the same id would leave with no successor checked.
  sigmaProp(partners.size < 2 && kept(SELF) && kept(partnerIn) && (if (dormant(SELF) || dormant(partnerIn)) {
    // Nobody used the pair (or this end alone) for dormantBlocks: recreated unchanged (storage
    // rent). Either end counts, since A's may have been refreshed alone.
    tradeA == 0L && tradeB == 0L && outFees == fees && partnerFees == 0L
  } else {
    val isMember = { (b: Box) => b.tokens == SELF.tokens }
    val membersIn = INPUTS.filter(isMember)
    val membersOut = OUTPUTS.filter(isMember)
    // floor(amount x num / den) and fees ceil(amount x bps / 10,000), in 256-bit arithmetic.
    val big = { (x: Long) => x.toBigInt }
    val fee = { (amountTimesBps: BigInt) => (amountTimesBps + big(9999L)) / big(10000L) }
    state(0) == 1L &&
      // A's books: the same members in and out, the same total (B's end keeps B's).
      membersIn.size == membersOut.size &&
      membersIn.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get }) == membersOut.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get }) &&
      (if (tradeA > 0L) {
        // A sends: B not paused; A's fee at least the fee (the payer signed it; a forwarding
        // community keeps the units left over); B pays out floor(tradeA x rateNum / rateDen),
        // less B's exact fee, and B's position stays within capA (per shard).
        state(2) == 0L && big(outFees - fees) >= fee(big(tradeA) * big(terms(4))) &&
          big(-tradeB) == big(tradeA) * big(terms(0)) / big(terms(1)) &&
          big(partnerFees) == fee(big(-tradeB) * big(terms(5))) && positionB + terms(2) / terms(6) >= 0L
      } else {
        // B sends: the mirror image at the inverse rate, A's position within capB.
        tradeB > 0L && state(1) == 0L && big(partnerFees) >= fee(big(tradeB) * big(terms(5))) &&
          big(-tradeA) == big(tradeB) * big(terms(1)) / big(terms(0)) &&
          big(outFees - fees) == fee(big(-tradeA) * big(terms(4))) && positionA + terms(3) / terms(6) >= 0L
      })
  }))
}
