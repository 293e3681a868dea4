{
  // Gateway box, contract version 3: one side of one shard of a trade line, inside one community
  // (docs/inter-lets.md). It holds a membership unit, so the community's accounts count its
  // balance in their zero-sum books like any member's; no key owns it: the line decides.
  //   tokens  exactly (communityId, 1)
  //   R4 Coll[Long]  [maxUnits]: the bound of every balance in this community
  //   R5 Long        balance = the line's trade position in this community + fees held
  //   R6 Long        fees held: units this community earned from the line (part of the balance)
  //   R7 Coll[Byte]  gatewayId = lineId ++ [side, shard] (side 0 = community A, 1 = community B)
  //   value          more than the box's storage fee
  // A cross payment spends the two gateways of one shard (one in each community) and reads the line
  // box as a data input. The side whose trade position rises is the sender: its payer paid in, and
  // it checks the conversion to the receiver's units; the receiver checks its exposure cap.
  val id = SELF.R7[Coll[Byte]].get
  val lineId = id.slice(0, 32)
  val side = id(32).toInt
  val balance = SELF.R5[Long].get
  val fees = SELF.R6[Long].get
  val recent = HEIGHT - maxAgeBlocks
  val isGateway = { (b: Box) => b.propositionBytes == SELF.propositionBytes }
  val gatewaysIn = INPUTS.filter(isGateway)
  val gatewaysOut = OUTPUTS.filter(isGateway)
  val outs = gatewaysOut.filter { (b: Box) => b.R7[Coll[Byte]].get == id }
  val out = outs(0)
  val successorOk = outs.size == 1 && out.tokens == SELF.tokens && out.R4[Coll[Long]].get == SELF.R4[Coll[Long]].get &&
    out.R8[Int].isEmpty && out.creationInfo._1 >= recent && out.value >= SELF.value &&
    out.value > out.bytes.size.toLong * storageFeeFactor

  val dormant = SELF.creationInfo._1 <= HEIGHT - dormantBlocks
  // A gateway nobody used for dormantBlocks is recreated unchanged (storage rent); otherwise a payment.
  sigmaProp(successorOk && (if (dormant) out.R5[Long].get == balance && out.R6[Long].get == fees else {
    val line = CONTEXT.dataInputs.filter { (b: Box) => b.tokens.size == 1 && b.tokens(0)._1 == lineId }(0)
    val terms = line.R5[Coll[Long]].get
    val state = line.R6[Coll[Long]].get
    val partnerId = lineId ++ Coll((1 - side).toByte, id(33))
    val partnerIn = gatewaysIn.filter { (b: Box) => b.R7[Coll[Byte]].get == partnerId }(0)
    val partnerOut = gatewaysOut.filter { (b: Box) => b.R7[Coll[Byte]].get == partnerId }(0)
    // The partner holds the other community's unit: a box with this script and id but another
    // token is not the gateway that community's contract created.
    val partnerCommunity = line.R4[Coll[Byte]].get.slice(32 * (1 - side), 32 * (1 - side) + 32)
    val outBalance = out.R5[Long].get
    val outFees = out.R6[Long].get
    val trade = outBalance - outFees - (balance - fees)
    val partnerTrade = (partnerOut.R5[Long].get - partnerOut.R6[Long].get) - (partnerIn.R5[Long].get - partnerIn.R6[Long].get)
    // This community's books stay zero-sum: the same members in and out, the same total.
    val isMember = { (b: Box) => b.tokens == SELF.tokens }
    val membersIn = INPUTS.filter(isMember)
    val membersOut = OUTPUTS.filter(isMember)
    val maxUnits = SELF.R4[Coll[Long]].get(0)
    // fee = ceil(amount * bps / 10,000): rounding never favours the payer.
    val feeOn = { (amount: Long) => (amount.toBigInt * terms(4 + side).toBigInt + 9999.toBigInt) / 10000.toBigInt }
    state(0) == 1L &&
      partnerIn.tokens.size == 1 && partnerIn.tokens(0)._1 == partnerCommunity && partnerIn.tokens(0)._2 == 1L &&
      membersIn.size == membersOut.size &&
      membersIn.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get }) == membersOut.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get }) &&
      outBalance >= -maxUnits && outBalance <= maxUnits &&
      (if (trade > 0L) {
        // Sender: the receiving side is not paused, this side's fee is charged (at least the fee:
        // the payer signed, and a forwarding community keeps what is left after its whole units),
        // and the receiver pays out exactly floor(trade x rate): 1 A-unit = rateNum/rateDen B-units.
        val num = if (side == 0) terms(0) else terms(1)
        val den = if (side == 0) terms(1) else terms(0)
        state(2 - side) == 0L && (outFees - fees).toBigInt >= feeOn(trade) &&
          (-partnerTrade).toBigInt == trade.toBigInt * num.toBigInt / den.toBigInt
      } else {
        // Receiver: the partner sent; this side's fee comes out of what its payee receives, and
        // the partner's deficit to this community stays within its cap (shared among the shards).
        trade < 0L && partnerTrade > 0L && (outFees - fees).toBigInt == feeOn(-trade) &&
          outBalance - outFees + terms(3 - side) / terms(6) >= 0L
      })
  }))
}
