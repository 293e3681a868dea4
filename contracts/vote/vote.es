{
  // Vote box, version 9 (docs/governance.md): one per member who voted on a proposal, in a list
  // ordered by key (the first 24 bytes of the member's accountId, a number in [0, 2^192)). A vote
  // goes in after the box holding the largest smaller key, so one account can never be in a list
  // twice, and the tally walks the list from its head, so it can neither skip nor repeat a vote.
  //   tokens(0) (proposalId, units): only a proposal and its votes ever hold it. A box's units
  //             follow the width of its gap in the key space, so they do not depend on the order
  //             in which members vote (halving would run out after 62 votes in key order)
  //   R4 BigInt key (keyMin for the head, opened with the proposal)
  //   R5 BigInt the next key in the list (keyMax at the end)
  //   R6 Int    choice: 1 for, 2 against, 3 abstain (0 the head)
  val proposalId = SELF.tokens(0)._1
  val first = INPUTS(0)
  // The proposal holds (govId, 1), (proposalId, 1) under another script.
  val isProposal = { (b: Box) =>
    b.tokens.size == 2 && b.tokens(1)._1 == proposalId && b.propositionBytes != SELF.propositionBytes
  }
  if (isProposal(first)) {
    // Counted: the proposal is spent first, and its script checks the tally.
    sigmaProp(true)
  } else {
    // A member votes: this box stays, pointing at the new vote, which takes its share of the units.
    // The proposal and the member's account are read, never spent: payments go on during a vote.
    val p = CONTEXT.dataInputs(0)
    val member = CONTEXT.dataInputs(1)
    val s = p.R4[Coll[Long]].get
    val key = byteArrayToBigInt(Coll(0.toByte) ++ member.R7[Coll[Byte]].get.slice(0, 24))
    val units = SELF.tokens(0)._2
    val low = SELF.R4[BigInt].get
    val high = SELF.R5[BigInt].get
    // the new vote takes the part of the units of its part of the gap, [key, high) of [low, high)
    // (at most 2^62 * (2^192 + 1): no overflow of the 256-bit BigInt; compared as BigInt, since
    // sigma-rust cannot narrow one to a Long)
    val vote = OUTPUTS(1)
    val share = vote.tokens(0)._2
    val stay = OUTPUTS(0)
    val recent = HEIGHT - maxAgeBlocks
    sigmaProp(isProposal(p) && HEIGHT < s(2) &&
      // an account of this community (the plain account tree, holding the community's unit) that
      // joined before the proposal opened, by more than a join may be back-dated
      blake2b256(member.propositionBytes) == accountHash && member.tokens == Coll((p.R6[Coll[Byte]].get, 1L)) &&
      member.R6[Coll[Long]].get(4) + maxAgeBlocks.toLong < s(1) &&
      low < key && key < high && share >= 1L && share < units &&
      share.toBigInt == units.toBigInt * (high - key) / (high - low) &&
      stay.propositionBytes == SELF.propositionBytes && stay.tokens == Coll((proposalId, units - share)) &&
      stay.R4[BigInt].get == low && stay.R5[BigInt].get == key && stay.R6[Int].get == SELF.R6[Int].get &&
      stay.value >= SELF.value && stay.creationInfo._1 >= recent &&
      vote.propositionBytes == SELF.propositionBytes && vote.tokens == Coll((proposalId, share)) &&
      vote.R4[BigInt].get == key && vote.R5[BigInt].get == high &&
      vote.R6[Int].get >= 1 && vote.R6[Int].get <= 3 && vote.creationInfo._1 >= recent &&
      vote.value >= voteNanoErg && // pays for its tally, which has no wallet
      OUTPUTS.indices.forall { (i: Int) => i < 2 || OUTPUTS(i).tokens.forall { (t: (Coll[Byte], Long)) => t._1 != proposalId } }
    ) && member.R4[SigmaProp].get
  }
}
