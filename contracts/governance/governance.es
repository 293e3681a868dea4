{
  // Governance box, version 9 (docs/governance.md): one per community that decides by member vote,
  // made by the committee's switch, which mints its token with the community box's id.
  //   tokens(0)     (govId, remaining): every proposal takes one unit; the community obeys a box
  //                 spent beside it holding exactly one (a proposal's script checks the change)
  //   R4 Coll[Long] rules [quorumPpm, majorityPpm, depositNanoErg, minWindow, maxWindow, vetoBlocks]
  //                 (vetoBlocks > 0: the committee may veto a proposal until that long after its vote)
  //   R5 Coll[Byte] communityId
  val govId = SELF.tokens(0)._1
  val remaining = SELF.tokens(0)._2
  val rules = SELF.R4[Coll[Long]].get
  val communityId = SELF.R5[Coll[Byte]].get
  val recent = HEIGHT - maxAgeBlocks
  val out = OUTPUTS(0)
  val left = out.tokens(0)._2
  // The successor: everything kept but the units a proposal takes, never below its storage fee.
  val kept = out.propositionBytes == SELF.propositionBytes && out.tokens.size == 1 && out.tokens(0)._1 == govId &&
    out.R4[Coll[Long]].get == rules && out.R5[Coll[Byte]].get == communityId && out.R6[Int].isEmpty &&
    out.value >= SELF.value && out.value > out.bytes.size.toLong * storageFeeFactor && out.creationInfo._1 >= recent
  // Never beside a box of the community: this script does not check what becomes of one, and the
  // community obeys boxes holding its units.
  val apart = INPUTS.forall { (b: Box) => b.tokens.forall { (t: (Coll[Byte], Long)) => t._1 != communityId } }
  if (left == remaining) {
    // Refresh, anyone: a dormant box recreated unchanged, so storage rent never reaches its units.
    sigmaProp(kept && apart && SELF.creationInfo._1 <= HEIGHT - dormantBlocks)
  } else {
    // Propose: a member (an account of this community, read, whose owner signs) opens a proposal at
    // OUTPUTS(1) and the head of its vote list at OUTPUTS(2). The proposal's token is minted here
    // (this box is spent first): one unit to the proposal, voteUnits to the head, none elsewhere.
    val p = OUTPUTS(1)
    val head = OUTPUTS(2)
    val member = CONTEXT.dataInputs(0)
    val community = CONTEXT.dataInputs(1)
    val s = p.R4[Coll[Long]].get
    val kind = s(0)
    // seats taken when it opens: the quorum's base
    val seats = community.R4[Coll[Long]].get(4) + 1L - community.tokens(0)._2
    sigmaProp(kept && apart && left == remaining - 1L && INPUTS(0).id == SELF.id &&
      blake2b256(p.propositionBytes) == proposalHash && p.tokens == Coll((govId, 1L), (SELF.id, 1L)) &&
      blake2b256(head.propositionBytes) == voteHash && head.tokens == Coll((SELF.id, voteUnits)) &&
      head.R4[BigInt].get == keyMin && head.R5[BigInt].get == keyMax && head.R6[Int].get == 0 && head.value >= voteNanoErg &&
      OUTPUTS.indices.forall { (i: Int) => i < 3 || OUTPUTS(i).tokens.forall { (t: (Coll[Byte], Long)) => t._1 != SELF.id } } &&
      // the proposal as it opens: nothing counted, the window within the rules, the rules copied
      s.size == 11 && kind >= 1L && kind <= 4L &&
      // (the end at least minWindow from now: `opened` may lag HEIGHT, but not eat the members' window)
      s(1) >= recent && s(1) <= HEIGHT && s(2) >= HEIGHT + rules(3) && s(2) <= s(1) + rules(4) &&
      s(3) == seats && s(4) == rules(0) && s(5) == rules(1) && s(6) == rules(5) &&
      s(7) == 0L && s(8) == 0L && s(9) == 0L && (if (kind == 4L) s(10) > 0L else s(10) == 0L) &&
      p.R5[BigInt].get == keyMin && p.R6[Coll[Byte]].get == communityId &&
      p.R7[SigmaProp].get.propBytes == member.R4[SigmaProp].get.propBytes &&
      p.R8[Coll[Byte]].get.size >= (if (kind == 1L) 0 else 1) &&
      (kind == 1L || p.R9[Coll[Long]].get.size == 0) &&
      // the deposit, and enough ERG that storage rent can only ever take fees from it, never its units
      p.value >= rules(2) && p.value > (p.bytes.size.toLong + 32L) * storageFeeFactor && p.creationInfo._1 >= recent &&
      // a member: an account (the plain account tree) of this community; the genuine community box
      // (its tree), which decides by this token
      blake2b256(member.propositionBytes) == accountHash && member.tokens == Coll((communityId, 1L)) &&
      blake2b256(community.propositionBytes) == communityHash &&
      community.tokens(0)._1 == communityId && community.R8[Coll[Byte]].get == govId
    ) && member.R4[SigmaProp].get
  }
}
