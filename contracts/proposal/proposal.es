{
  // Proposal box, version 9 (docs/governance.md): opened by a member through the governance box.
  //   tokens        (govId, 1): the community obeys it when spent beside it (so this script checks
  //                 every spend with the community box); (proposalId, 1), minted by the opening
  //   R4 Coll[Long] [kind, opened, end, seats, quorumPpm, majorityPpm, vetoBlocks, for, against,
  //                 abstain, amount]; kind 1 policy, 2 metadata, 3 committee, 4 treasury payment
  //   R5 BigInt     the key of the next vote box to count (keyMin first); keyMax once all are counted
  //   R6 Coll[Byte] communityId
  //   R7 SigmaProp  the proposer: the deposit (this box's ERG) goes back to this key
  //   R8 Coll[Byte] the change: metadata (2), the committee's propBytes (3), the recipient's script (4)
  //   R9 Coll[Long] the new policy (1), else empty
  // Timeline: votes go in before `end`; the tally runs from `end`; a passed proposal executes from
  // `end + vetoBlocks` (the committee may veto before) until `end + vetoBlocks + execBlocks`, after
  // which it can only close. Nothing may act on it once storage rent could reach its votes.
  val s = SELF.R4[Coll[Long]].get
  val govId = SELF.tokens(0)._1
  val proposalId = SELF.tokens(1)._1
  val cursor = SELF.R5[BigInt].get
  val communityId = SELF.R6[Coll[Byte]].get
  val proposer = SELF.R7[SigmaProp].get.propBytes
  val kind = s(0)
  val end = s(2)
  val vetoEnd = end + s(6)
  val deadline = vetoEnd + execBlocks
  val first = OUTPUTS(0)
  if (first.propositionBytes == SELF.propositionBytes) {
    // Tally, anyone, from the end of the vote: the votes spent here (every input after this box)
    // are the next ones of the list, in order; their units are burnt.
    val votes = INPUTS.slice(1, INPUTS.size)
    val last = votes(votes.size - 1)
    val counted = { (c: Int) => votes.filter { (v: Box) => v.R6[Int].get == c }.size.toLong }
    sigmaProp(HEIGHT >= end && HEIGHT < deadline && cursor != keyMax && INPUTS(0).id == SELF.id &&
      votes.indices.forall { (i: Int) =>
        val v = votes(i)
        v.tokens.size == 1 && v.tokens(0)._1 == proposalId &&
          v.R4[BigInt].get == (if (i == 0) cursor else votes(i - 1).R5[BigInt].get)
      } &&
      first.tokens == SELF.tokens && first.R5[BigInt].get == last.R5[BigInt].get &&
      first.R4[Coll[Long]].get == s.slice(0, 7) ++ Coll(s(7) + counted(1), s(8) + counted(2), s(9) + counted(3), s(10)) &&
      first.R6[Coll[Byte]].get == communityId && first.R7[SigmaProp].get.propBytes == proposer &&
      first.R8[Coll[Byte]].get == SELF.R8[Coll[Byte]].get && first.R9[Coll[Long]].get == SELF.R9[Coll[Long]].get &&
      first.value >= SELF.value && first.creationInfo._1 >= HEIGHT - maxAgeBlocks &&
      OUTPUTS.indices.forall { (i: Int) => i == 0 || OUTPUTS(i).tokens.forall { (t: (Coll[Byte], Long)) => t._1 != proposalId } })
  } else {
    val done = cursor == keyMax
    val quorum = (s(7) + s(8) + s(9)) * 1000000L >= s(4) * s(3)
    val passed = done && quorum && s(7) * 1000000L > s(5) * (s(7) + s(8))
    // Whatever happens now, the proposal ends, alone (two proposals of one proposer closed together
    // could share one refund, or one forfeit, and the other deposit go elsewhere): its units are burnt.
    val burnt = OUTPUTS.forall { (o: Box) =>
      o.tokens.forall { (t: (Coll[Byte], Long)) => t._1 != proposalId && t._1 != govId }
    } && INPUTS.forall { (b: Box) => b.id == SELF.id || b.tokens.forall { (t: (Coll[Byte], Long)) => t._1 != govId } }
    // Boxes of the community spent here: at most the community box (recognised by its tree),
    // never an account, desk, escrow or gateway.
    val ofCommunity = INPUTS.filter { (b: Box) => b.tokens.exists { (t: (Coll[Byte], Long)) => t._1 == communityId } }
    if (ofCommunity.size == 0) {
      // The deposit goes back to the proposer (OUTPUTS(0)): a vote with quorum but no majority, or
      // the committee's veto within its window (the community box read for the committee).
      val refund = first.propositionBytes == proposer && first.value >= SELF.value
      val lost = done && quorum && !passed
      sigmaProp(refund && burnt) && (if (lost) sigmaProp(true) else {
        val c = CONTEXT.dataInputs(0)
        sigmaProp(s(6) > 0L && HEIGHT < vetoEnd && blake2b256(c.propositionBytes) == communityHash &&
          c.tokens(0)._1 == communityId && c.R8[Coll[Byte]].get == govId) &&
          c.R5[SigmaProp].get
      })
    } else {
      // The community box (its own script runs the govern path, with this box as authority) and
      // its successor at OUTPUTS(0): the token, state and governance id kept.
      val c = ofCommunity(0)
      val payload = SELF.R8[Coll[Byte]].get
      val same = ofCommunity.size == 1 && blake2b256(c.propositionBytes) == communityHash && c.R8[Coll[Byte]].get == govId &&
        first.propositionBytes == c.propositionBytes && first.tokens == c.tokens &&
        first.R7[Coll[Long]].get == c.R7[Coll[Long]].get && first.R8[Coll[Byte]].get == govId
      val policy = first.R4[Coll[Long]].get == (if (kind == 1L) SELF.R9[Coll[Long]].get else c.R4[Coll[Long]].get)
      val metadata = first.R6[Coll[Byte]].get == (if (kind == 2L) payload else c.R6[Coll[Byte]].get)
      val committee = first.R5[SigmaProp].get.propBytes == (if (kind == 3L) payload else c.R5[SigmaProp].get.propBytes)
      sigmaProp(same && burnt && (if (passed && HEIGHT < deadline) {
        // Execute, anyone, after any veto window: exactly the proposed change; the deposit back.
        HEIGHT >= vetoEnd && policy && metadata && committee && (if (kind == 4L) {
          first.value >= c.value - s(10) && OUTPUTS(1).propositionBytes == payload && OUTPUTS(1).value >= s(10) &&
            OUTPUTS(2).propositionBytes == proposer && OUTPUTS(2).value >= SELF.value
        } else {
          first.value >= c.value && OUTPUTS(1).propositionBytes == proposer && OUTPUTS(1).value >= SELF.value
        })
      } else {
        // Forfeit, anyone: no quorum once all is counted, or nothing done by the deadline; the
        // deposit joins the treasury and nothing else changes.
        ((done && !quorum) || HEIGHT >= deadline) &&
          first.R4[Coll[Long]].get == c.R4[Coll[Long]].get && first.R6[Coll[Byte]].get == c.R6[Coll[Byte]].get &&
          first.R5[SigmaProp].get.propBytes == c.R5[SigmaProp].get.propBytes && first.value >= c.value + SELF.value
      }))
    }
  }
}
