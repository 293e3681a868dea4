{
  // Gateway box, side B, contract version 3: community B's end of one shard of a trade line
  // (docs/inter-lets.md). The same registers as A's end (gateway.es), with gatewayId
  // lineId ++ [1, shard]. A's end checks the pair (both successors, rate, fees, caps, pause,
  // dormancy); this end requires A's end of the same shard, holding A's unit as the line names A,
  // to be spent with it (by its script, not by storage rent), and keeps B's books: the same
  // members in and out, the same total.
  val id = SELF.R7[Coll[Byte]].get
  val lineId = id.slice(0, 32)
  val line = CONTEXT.dataInputs.filter { (b: Box) => b.tokens.size == 1 && b.tokens(0)._1 == lineId }(0)
  val partnerUnit = Coll((line.R4[Coll[Byte]].get.slice(0, 32), 1L))
  val partnerId = lineId ++ Coll(0.toByte, id(33))
  val isMember = { (b: Box) => b.tokens == SELF.tokens }
  val membersIn = INPUTS.filter(isMember)
  val membersOut = OUTPUTS.filter(isMember)
  sigmaProp(
    // A's end younger than a storage period: storage rent, which may spend an older box without
    // its script, cannot be what spends it, so A's script checks this end's successor.
    INPUTS.exists { (b: Box) =>
      b.tokens == partnerUnit && blake2b256(b.propositionBytes) == gatewayAHash && b.R7[Coll[Byte]].get == partnerId &&
        b.creationInfo._1 > HEIGHT - storagePeriod
    } &&
      membersIn.size == membersOut.size &&
      membersIn.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get }) == membersOut.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get })
  )
}
