{
  // Community box: one live box per community (docs/contracts.md, "Community box").
  //   tokens(0)  (communityId, remaining): remaining = free seats + 1; the anchor unit never leaves
  //   R4 Coll[Long]  policy [creditLimit, positiveCap, joinFeeNanoErg, collateralNanoErg,
  //                  maxMembers, inactivityBlocks]
  //   R5 SigmaProp   committee
  //   R6 Coll[Byte]  metadata (UTF-8 JSON)
  //   R7 Coll[Long]  state [membersJoined, communityBalance]
  //   value          treasury
  // `accountScript` is the account ErgoTree, the same for every community.
  val communityId = SELF.tokens(0)._1
  val remaining = SELF.tokens(0)._2
  val policy = SELF.R4[Coll[Long]].get
  val committee = SELF.R5[SigmaProp].get
  val state = SELF.R7[Coll[Long]].get
  val recent = HEIGHT - maxAgeBlocks

  // Accounts are told apart from everything else by script and token, never by position.
  val isAccount = { (b: Box) =>
    b.propositionBytes == accountScript && b.tokens.size == 1 &&
      b.tokens(0)._1 == communityId && b.tokens(0)._2 == 1L
  }
  val accountsIn = INPUTS.filter(isAccount)
  val accountsOut = OUTPUTS.filter(isAccount)
  val successors = OUTPUTS.filter { (b: Box) =>
    b.propositionBytes == SELF.propositionBytes && b.tokens.size == 1 && b.tokens(0)._1 == communityId
  }
  val out = successors(0)
  val outRemaining = out.tokens(0)._2
  val outState = out.R7[Coll[Long]].get
  val newPolicy = out.R4[Coll[Long]].get

  // Every path: exactly one successor, script and token kept, no junk register, not back-dated.
  val successorOk = successors.size == 1 && out.R8[Int].isEmpty && out.creationInfo._1 >= recent
  // Join and exit keep the policy, the committee and the metadata.
  val rulesKept = newPolicy == policy && out.R5[SigmaProp].get == committee &&
    out.R6[Coll[Byte]].get == SELF.R6[Coll[Byte]].get

  // Join, no committee: whoever pays the fee and locks the collateral gets exactly one account.
  val join = accountsIn.size == 0 && accountsOut.size == 1 && rulesKept &&
    remaining > 1L && outRemaining == remaining - 1L &&          // one unit leaves, anchor stays
    outState == Coll(state(0) + 1L, state(1)) &&                 // communityBalance unchanged
    out.value >= SELF.value + policy(2) && {                     // the joining fee
      val account = accountsOut(0)
      val terms = account.R6[Coll[Long]].get
      val joinedHeight = terms(4)
      account.R4[SigmaProp].get.propBytes.size > 0 &&             // a real SigmaProp owner
      account.R5[Long].get == 0L &&                              // opens at balance 0
      terms == Coll(policy(0), policy(1), policy(3), policy(5), joinedHeight) && // terms from policy
      joinedHeight >= recent && joinedHeight <= HEIGHT &&
      account.R7[Coll[Byte]].get == SELF.id &&                   // accountId: unique forever
      account.R8[Long].get == joinedHeight &&
      account.R9[Int].isEmpty &&
      account.value >= policy(3) + minBoxValue &&                // the collateral
      account.creationInfo._1 >= recent
    }

  // Exit: leave (balance 0; the account script demands the owner) or default (negative and
  // inactive; anyone). Units come home, balances move to communityBalance, and a defaulted
  // account's ERG (its collateral) joins the treasury.
  val exitingBalance = accountsIn.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get })
  val forfeited = accountsIn.fold(0L, { (s: Long, b: Box) => if (b.R5[Long].get < 0L) s + b.value else s })
  val exit = accountsIn.size > 0 && accountsOut.size == 0 && rulesKept &&
    outRemaining == remaining + accountsIn.size.toLong &&
    outState == Coll(state(0), state(1) + exitingBalance) &&  // the debt becomes the community's
    accountsIn.forall { (b: Box) =>
      val balance = b.R5[Long].get
      val terms = b.R6[Coll[Long]].get
      balance == 0L || (balance < 0L && terms(3) > 0L && HEIGHT.toLong >= b.R8[Long].get + terms(3))
    } &&
    out.value >= SELF.value + forfeited

  // Govern: the committee of the spent box may change policy (future joins only), committee,
  // metadata and withdraw treasury ERG; never the token, the state, or any account.
  val govern = accountsIn.size == 0 && accountsOut.size == 0 &&
    outRemaining == remaining && outState == state &&
    newPolicy.size == 6 && newPolicy.forall { (x: Long) => x >= 0L } &&
    newPolicy(4) == policy(4) &&                                 // maxMembers is the token supply
    // Use the values, not just isDefined: sigma-rust's isDefined does not check the type.
    out.R5[SigmaProp].get.propBytes.size > 0 && blake2b256(out.R6[Coll[Byte]].get).size == 32

  sigmaProp(successorOk && (join || exit)) || (sigmaProp(successorOk && govern) && committee)
}
