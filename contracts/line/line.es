{
  // Line box, contract version 3: one per trade line between two communities (docs/inter-lets.md).
  //   tokens  exactly (lineId, 1): minted by community A's propose path; lineId = that community box's id
  //   R4 Coll[Byte]  communityA id ++ communityB id ++ blake2b256(community tree): 96 bytes, fixed
  //   R5 Coll[Long]  terms [rateNum, rateDen, capA, capB, feeA, feeB, shards]: 1 A-unit = rateNum/rateDen
  //                  B-units; capA: how far A may go into deficit to B (in B-units, all shards
  //                  together), capB likewise in A-units; fees in basis points; shards fixed
  //   R6 Coll[Long]  state [status, pausedA, pausedB]: status 0 proposed by A, 1 open, 2 closed
  //   R7 Coll[Long]  a pending change: empty, or [proposerSide, kind, ...terms]: kind 0 new terms, 1 close
  //   value          more than twice the box's storage fee (lineFloorFactor per byte): rent needs three
  //                  periods (twelve years) with nobody refreshing before it could free the line token
  // Gateways read the line as a data input (terms, state); only committees spend it. A committee is
  // read from its community box, recognised by the community tree hash written at propose under
  // the community contract's checks, and the community token.
  val ids = SELF.R4[Coll[Byte]].get
  val terms = SELF.R5[Coll[Long]].get
  val state = SELF.R6[Coll[Long]].get
  val pending = SELF.R7[Coll[Long]].get
  val status = state(0)
  val recent = HEIGHT - maxAgeBlocks

  val outs = OUTPUTS.filter { (b: Box) => b.propositionBytes == SELF.propositionBytes && b.tokens == SELF.tokens }
  val out = outs(0)
  val outTerms = out.R5[Coll[Long]].get
  val outState = out.R6[Coll[Long]].get
  val outPending = out.R7[Coll[Long]].get
  val successorOk = outs.size == 1 && out.R4[Coll[Byte]].get == ids && out.R8[Int].isEmpty &&
    out.creationInfo._1 >= recent && out.value >= SELF.value &&
    out.value > out.bytes.size.toLong * lineFloorFactor

  // Terms a committee may propose: the same number of shards (the gateways exist), rate parts in
  // [1, maxRate], caps in [0, 2^62], fees below 100% and not both 0 (a loop of gateways must cost
  // some member a fee, hence a signature: docs/inter-lets.md).
  val termsOk = { (t: Coll[Long]) =>
    t.size == 7 && t(6) == terms(6) && t(0) >= 1L && t(0) <= maxRate && t(1) >= 1L && t(1) <= maxRate &&
      t(2) >= 0L && t(2) <= 4611686018427387903L && t(3) >= 0L && t(3) <= 4611686018427387903L &&
      t(4) >= 0L && t(4) < 10000L && t(5) >= 0L && t(5) < 10000L && t(4) + t(5) >= 1L
  }
  val kept = outTerms == terms && outPending == pending

  // Who must sign, by path: 0 = committee A, 1 = committee B, -1 = nobody (refresh).
  val accept = status == 0L && kept && outState == Coll(1L, 0L, 0L)
  val cancel = status == 0L && kept && outState == Coll(2L, 0L, 0L)
  val open = status == 1L
  val pauseA = open && kept && outState(0) == 1L && outState(2) == state(2) && outState(1) >= 0L && outState(1) <= 1L && outState.size == 3
  val pauseB = open && kept && outState(0) == 1L && outState(1) == state(1) && outState(2) >= 0L && outState(2) <= 1L && outState.size == 3
  // A committee writes its proposal (over any pending one) or withdraws its own: the signer is the
  // side named in the new pending change, or, when it is emptied, the side that proposed it.
  val proposes = open && outTerms == terms && outState == state && (
    (outPending.size == 0 && pending.size == 9) ||
    (outPending.size == 9 && (outPending(0) == 0L || outPending(0) == 1L) &&
      (outPending(1) == 1L || (outPending(1) == 0L && termsOk(outPending.slice(2, 9))))))
  val agrees = open && pending.size == 9 && outPending.size == 0 && (
    (pending(1) == 0L && outTerms == pending.slice(2, 9) && outState == state) ||
    (pending(1) == 1L && outTerms == terms && outState == Coll(2L, state(1), state(2))))
  val refresh = SELF.creationInfo._1 <= HEIGHT - dormantBlocks && kept && outState == state

  // The committee of side `s`, from its genuine community box (spent or read).
  val committee = { (s: Int) =>
    val isCommunity = { (b: Box) =>
      b.tokens.size == 1 && b.tokens(0)._1 == ids.slice(32 * s, 32 * s + 32) &&
        blake2b256(b.propositionBytes) == ids.slice(64, 96)
    }
    val found = (INPUTS ++ CONTEXT.dataInputs).filter(isCommunity)
    found(0).R5[SigmaProp].get
  }
  // Accepting the proposal mints B's gateways: B's community box must be spent, on its accept path
  // (its contract checks the gateways), which B's end of shard 0 among the outputs shows: B's box
  // spent on another path (govern, join) would open a line B has no end of.
  val bSpent = INPUTS.exists { (b: Box) =>
    b.tokens.size == 1 && b.tokens(0)._1 == ids.slice(32, 64) && blake2b256(b.propositionBytes) == ids.slice(64, 96)
  } && OUTPUTS.exists { (g: Box) =>
    g.tokens == Coll((ids.slice(32, 64), 1L)) && blake2b256(g.propositionBytes) == gatewayBHash &&
      g.R7[Coll[Byte]].get == SELF.tokens(0)._1 ++ Coll(1.toByte, 0.toByte)
  }
  // A refresh changes nothing, so it must come first: an open line's unchanged state also reads
  // as a pause that keeps the flag, which would ask for a committee nobody brought.
  val signer =
    if (refresh) -1 else if (accept) 1 else if (cancel || pauseA) 0 else if (pauseB) 1
    else if (proposes) (if (outPending.size == 0) pending(0) else outPending(0)).toInt
    else if (agrees) (1L - pending(0)).toInt else -1

  if (signer >= 0) sigmaProp(successorOk && (!accept || bSpent)) && committee(signer)
  else sigmaProp(successorOk && refresh)
}
