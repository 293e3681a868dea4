{
  // Community box, contract version 9 (plain) and 4 (economics): one live box per community
  // (docs/contracts.md; the economics levers: docs/economics.md). `//#if econ` blocks are only in
  // the economics tree, `//#else` blocks only in the plain one (contracts/compile.ts).
  //   tokens(0)  (communityId, remaining): remaining = free seats + 1; the anchor unit never leaves
  //   R4 Coll[Long]  policy [creditLimit, positiveCap, joinFeeNanoErg, collateralNanoErg,
  //                  maxMembers, inactivityBlocks]; economics adds [demurragePpm, demurragePeriod,
  //                  feeBps, feeMin, turnoverPpm, stepUnits, stepBlocks, maxCreditLimit,
  //                  newcomerBlocks, allowance, sweepMin]
  //   R5 SigmaProp   committee
  //   R6 Coll[Byte]  metadata (UTF-8 JSON)
  //   R7 Coll[Long]  state [membersJoined, communityBalance]
  //   R8 Coll[Byte]  plain, version 9 (docs/governance.md): absent (or empty) while the committee
  //                  governs; the governance token's id once members vote, for ever after
  //   value          treasury, never below the storage fee of the box
  // `accountScript` is the account ErgoTree, the same for every community. It appears once in
  // this tree; the account contract recognises this tree by everything around it.
  val communityId = SELF.tokens(0)._1
  val remaining = SELF.tokens(0)._2
  val policy = SELF.R4[Coll[Long]].get
  val committee = SELF.R5[SigmaProp].get
  val state = SELF.R7[Coll[Long]].get
  val recent = HEIGHT - maxAgeBlocks
  // Untouched for `dormantBlocks`: long before storage rent (1,051,200 blocks) can reach the box.
  val isDormant = { (b: Box) => b.creationInfo._1 <= HEIGHT - dormantBlocks }

  // Accounts are told apart from everything else by script and token, never by position.
  val isAccount = { (b: Box) =>
    b.propositionBytes == accountScript && b.tokens.size == 1 &&
      b.tokens(0)._1 == communityId && b.tokens(0)._2 == 1L
  }
  // Owners and committees are keys: one key, or k of n keys (1 <= k <= n < 128), each a compressed
  // point (02/03; the point at infinity has the public secret 0). This refuses sigmaProp(true)
  // (anyone spends), sigmaProp(false) (a seat locked forever) and every other tree.
  val isKeys = { (p: Coll[Byte]) =>
    val isKey = { (i: Int) => p(i).toInt == -51 && (p(i + 1).toInt == 2 || p(i + 1).toInt == 3) }
    (p.size == 36 && isKey(2)) || (p.size > 5 && p(2).toInt == -104 && {
      val k = p(3).toInt
      val n = p(4).toInt
      k >= 1 && k <= n && p.size == 5 + 34 * n &&
        p.indices.forall { (i: Int) => i < 5 || (i - 5) % 34 != 0 || isKey(i) }
    })
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

  // Every path: exactly one successor, no junk register, not back-dated, and more ERG than its
  // storage fee (storageFeeFactor per byte of the box), so rent can only ever take ERG from it,
  // never its token or registers: a box worth its fee or less may be spent by anyone at will.
  //#if econ
  val successorOk = successors.size == 1 && out.R8[Int].isEmpty && out.creationInfo._1 >= recent &&
    out.value > out.bytes.size.toLong * storageFeeFactor
  //#else
  val successorOk = successors.size == 1 && out.R9[Int].isEmpty && out.creationInfo._1 >= recent &&
    out.value > out.bytes.size.toLong * storageFeeFactor
  // Member governance (version 9, docs/governance.md). R8 holds the governance token's id once the
  // community decides by member vote; every path keeps it. Read with getOrElse: a `.get` here would
  // be evaluated on every path, and throw while the committee governs.
  val govId = SELF.R8[Coll[Byte]].getOrElse(Coll[Byte]())
  val govOut = out.R8[Coll[Byte]].getOrElse(Coll[Byte]())
  val govKept = govOut == govId
  // The switch, once and for ever (the committee's govern): the governance token is minted here
  // (its id is this box's). Where its units go is the committee's word, as its policy is at
  // creation; the indexer shows a community whose units are not all in its governance box.
  val switch = govId.size == 0 && govOut == SELF.id
  // Who governs: the committee, or, once members vote, a box spent here holding exactly one unit
  // of the governance token (an open proposal, whose script checks that the change is its own).
  val authority = if (govId.size == 0) committee else sigmaProp(INPUTS.exists { (b: Box) =>
    b.tokens.size > 0 && b.tokens(0)._1 == govId && b.tokens(0)._2 == 1L
  })
  //#endif
  // Join, exit and refresh keep the policy, the committee and the metadata.
  // The committee is compared by its bytes: sigmastate throws when it compares two SigmaProps of
  // different shapes (one key with k of n keys), and this is evaluated on every path.
  val rulesKept = newPolicy == policy && out.R5[SigmaProp].get.propBytes == committee.propBytes &&
    out.R6[Coll[Byte]].get == SELF.R6[Coll[Byte]].get

  // Every balance stays within maxUnits, so sums over maxMembers accounts stay within 2^62.
  val maxMembers = policy(4)
  val maxUnits = 4611686018427387903L / maxMembers

  // Join, no committee: whoever pays the fee and locks the collateral gets exactly one account.
  val join = accountsIn.size == 0 && accountsOut.size == 1 && rulesKept &&
    remaining > 1L && outRemaining == remaining - 1L &&          // one unit leaves, anchor stays
    //#if econ
    outState == Coll(state(0) + 1L, state(1) - policy(15)) &&    // the allowance is issued here
    //#else
    outState == Coll(state(0) + 1L, state(1)) &&                 // communityBalance unchanged
    //#endif
    out.value >= SELF.value + policy(2) && {                     // the joining fee
      val account = accountsOut(0)
      val terms = account.R6[Coll[Long]].get
      val joinedHeight = terms(4)
      isKeys(account.R4[SigmaProp].get.propBytes) &&             // owned by keys
      account.R5[Long].get == 0L &&                              // opens at balance 0
      // Terms from the policy; "no cap" (0) becomes the largest cap, so that every balance, and
      // so communityBalance (minus their sum), stays within 2^62 however many accounts default.
      //#if econ
      terms == Coll(policy(0), if (policy(1) == 0L) maxUnits else policy(1), policy(3), policy(5), joinedHeight) ++
        policy.slice(6, 15) &&
      //#else
      terms == Coll(policy(0), if (policy(1) == 0L) maxUnits else policy(1), policy(3), policy(5), joinedHeight) &&
      //#endif
      joinedHeight >= recent && joinedHeight <= HEIGHT &&
      account.R7[Coll[Byte]].get == SELF.id &&                   // accountId: unique forever
      account.R8[Long].get == joinedHeight &&
      //#if econ
      // economics state: nothing accrued or received, demurrage from now, the allowance
      account.R9[Coll[Long]].get == Coll(0L, joinedHeight, 0L, policy(15), 0L) &&
      //#else
      account.R9[Long].get == 0L &&                              // no payment order settled yet
      //#endif
      account.value >= policy(3) + minBoxValue &&                // the collateral
      account.creationInfo._1 >= recent
    }

  // Exit: leave (balance 0; the account script demands the owner), default (negative and
  // inactive) or dormant close (box untouched for dormantBlocks, any balance). Units come home and
  // balances move to communityBalance. A default forfeits the collateral to the treasury; a
  // closed account's other ERG goes to its owner at OUTPUTS(i) for the account at INPUTS(i), less
  // minBoxValue for whoever closes it (the fee).
  val forfeit = { (b: Box) => if (b.R5[Long].get < 0L) min(b.R6[Coll[Long]].get(2), b.value) else 0L }
  //#if econ
  // An account's worth in the books: balance, accrued charges and unused allowance.
  val worth = { (b: Box) => val e = b.R9[Coll[Long]].get; b.R5[Long].get + e(0) + e(3) }
  val exitingBalance = accountsIn.fold(0L, { (s: Long, b: Box) => s + worth(b) })
  //#else
  val exitingBalance = accountsIn.fold(0L, { (s: Long, b: Box) => s + b.R5[Long].get })
  //#endif
  val forfeited = accountsIn.fold(0L, { (s: Long, b: Box) => s + forfeit(b) })
  val exit = accountsIn.size > 0 && accountsOut.size == 0 && rulesKept &&
    outRemaining == remaining + accountsIn.size.toLong &&
    outState == Coll(state(0), state(1) + exitingBalance) &&  // the balances become the community's
    out.value >= SELF.value + forfeited &&
    INPUTS.indices.forall { (i: Int) =>
      val b = INPUTS(i)
      !(isAccount(b)) || {
        val balance = b.R5[Long].get
        val terms = b.R6[Coll[Long]].get
        val dormant = isDormant(b)
        (balance == 0L && !dormant) ||
          ((dormant || (balance < 0L && terms(3) > 0L && HEIGHT.toLong >= b.R8[Long].get + terms(3))) &&
            OUTPUTS(i).propositionBytes == b.R4[SigmaProp].get.propBytes &&
            OUTPUTS(i).creationInfo._1 >= recent &&            // a fresh rent clock for the owner
            OUTPUTS(i).value >= b.value - forfeit(b) - minBoxValue)
      }
    }

  // Refresh, anyone: a dormant community box is recreated unchanged at the current height, so
  // storage rent never reaches it even when nobody joins, leaves or governs for years.
  val refresh = isDormant(SELF) && accountsIn.size == 0 && accountsOut.size == 0 && rulesKept &&
    outRemaining == remaining && outState == state && out.value >= SELF.value

  // Govern: the committee of the spent box may change policy (future joins only, every field
  // bounded), committee, metadata and withdraw treasury ERG down to the floor; never the token,
  // the state, or any account. Bounds keep every sum of balances and ERG in Long, and the box
  // small enough that the fields every other path changes (value, seats, state, creation height)
  // can grow to their longest encodings without passing the 4,096-byte limit.
  //#if econ
  // Economics: rates in ppm or bps, periods within the dormancy window (a demurrage period of at
  // least one block), every amount within maxUnits; a share of turnover no larger than the usage
  // fee (ppm <= bps x 100), so a member paying itself through a second account pays in fees at
  // least what it earns in credit limit (docs/economics.md).
  val bounds = Coll(maxUnits, maxUnits, maxNanoErg, maxNanoErg, maxMembers, dormantBlocks.toLong,
    1000000L, dormantBlocks.toLong, 9999L, maxUnits, 1000000L, maxUnits, dormantBlocks.toLong, maxUnits,
    dormantBlocks.toLong, maxUnits, maxUnits)
  val govern = accountsIn.size == 0 && accountsOut.size == 0 &&
    outRemaining == remaining && outState == state &&
    newPolicy.size == 17 && newPolicy(4) == maxMembers &&       // maxMembers is the token supply
    newPolicy.indices.forall { (i: Int) => newPolicy(i) >= 0L && newPolicy(i) <= bounds(i) } &&
    newPolicy(7) >= 1L && newPolicy(10) <= newPolicy(8) * 100L && newPolicy(13) >= newPolicy(0) &&
  //#else
  val bounds = Coll(maxUnits, maxUnits, maxNanoErg, maxNanoErg, maxMembers, dormantBlocks.toLong)
  val govern = accountsIn.size == 0 && accountsOut.size == 0 &&
    outRemaining == remaining && outState == state &&
    newPolicy.size == 6 && newPolicy(4) == maxMembers &&        // maxMembers is the token supply
    newPolicy.indices.forall { (i: Int) => newPolicy(i) >= 0L && newPolicy(i) <= bounds(i) } &&
  //#endif
    isKeys(out.R5[SigmaProp].get.propBytes) &&
    out.bytes.size <= maxCommunityBytes &&                        // room to grow below 4,096 bytes
    // Use the value, not just isDefined: sigma-rust's isDefined does not check the type.
    blake2b256(out.R6[Coll[Byte]].get).size == 32

  //#if econ
  // Sweep, anyone: the charges accrued inside accounts (usage fees, demurrage) move to the
  // community balance, with the demurrage due up to a recent height charged now. Each account
  // stays otherwise unchanged (its successor found by accountId), and only accounts holding at
  // least max(1, sweepMin) are swept, so nobody can re-spend a member's box for nothing.
  val sweepMin = if (policy(16) > 1L) policy(16) else 1L
  val swept = { (b: Box) =>
    val e = b.R9[Coll[Long]].get
    val t = b.R6[Coll[Long]].get
    val outs = accountsOut.filter { (o: Box) => o.R7[Coll[Byte]].get == b.R7[Coll[Byte]].get }
    val o = outs(0)
    val n = o.R9[Coll[Long]].get
    val balance = b.R5[Long].get
    val held = if (balance > 0L) balance else 0L
    // The account contract's demurrage rule, exactly (docs/economics.md): checked by multiplying.
    val due = balance - o.R5[Long].get
    val demurrageOk = if (t(5) == 0L || held == 0L) due == 0L && n(4) == 0L else {
      val scale = t(6) * 1000000L
      val owed = held.toBigInt * t(5).toBigInt * (n(1) - e(1)).toBigInt + e(4).toBigInt
      if (due == held) n(4) == 0L && owed >= held.toBigInt * scale.toBigInt
      else due >= 0L && due < held && n(4) >= 0L && n(4) < scale &&
        due.toBigInt * scale.toBigInt + n(4).toBigInt == owed
    }
    outs.size == 1 && o.R4[SigmaProp].get.propBytes == b.R4[SigmaProp].get.propBytes &&
      o.R6[Coll[Long]].get == t && o.R8[Long].get == b.R8[Long].get && demurrageOk &&
      n == Coll(0L, n(1), e(2), e(3), n(4)) && n(1) >= e(1) && n(1) >= recent && n(1) <= HEIGHT &&
      e(0) + due >= sweepMin &&
      o.value >= b.value && o.creationInfo._1 >= recent
  }
  val sweep = accountsIn.size > 0 && accountsOut.size == accountsIn.size && rulesKept &&
    outRemaining == remaining && out.value >= SELF.value &&
    // every worth that left the accounts is the community's now
    outState == Coll(state(0), state(1) + exitingBalance - accountsOut.fold(0L, { (s: Long, b: Box) => s + worth(b) })) &&
    accountsIn.forall(swept)
  // No trade lines: their gateways would be members without economics state (docs/economics.md).
  //#else
  // Trade lines (docs/inter-lets.md), the committee: propose a line to another community (this
  // side is A; the line token is minted with this box's id) or accept one proposed to this
  // community (side B). Either way this community's gateways are created here, one per shard at
  // OUTPUTS(2 + shard), each holding one unit (a seat) at balance 0; the line box is OUTPUTS(1).
  val openLine = accountsIn.size == 0 && accountsOut.size == 0 && rulesKept && outState == state &&
    OUTPUTS.size > 2 && blake2b256(OUTPUTS(1).propositionBytes) == lineHash && {
      val line = OUTPUTS(1)
      val ids = line.R4[Coll[Byte]].get
      val terms = line.R5[Coll[Long]].get
      val shards = terms(6)
      val proposing = line.tokens == Coll((SELF.id, 1L))
      val side = if (proposing) 0 else 1
      val lineId = line.tokens(0)._1
      val gatewayOk = { (i: Int) =>
        val b = OUTPUTS(i)
        val shard = i - 2
        blake2b256(b.propositionBytes) == (if (proposing) gatewayHash else gatewayBHash) && b.tokens == Coll((communityId, 1L)) &&
          b.R4[Coll[Long]].get == Coll(maxUnits) && b.R5[Long].get == 0L && b.R6[Long].get == 0L &&
          b.R7[Coll[Byte]].get == lineId ++ Coll(side.toByte, shard.toByte) && b.R8[Int].isEmpty &&
          b.creationInfo._1 >= recent && b.value > b.bytes.size.toLong * lineFloorFactor
      }
      ids.size == 96 && ids.slice(32 * side, 32 * side + 32) == communityId &&
        shards >= 1L && shards <= maxShards && remaining > shards && outRemaining == remaining - shards &&
        // the seats go to the gateways and nowhere else
        OUTPUTS.filter { (b: Box) => b.tokens.exists { (t: (Coll[Byte], Long)) => t._1 == communityId } }.size.toLong == shards + 1L &&
        OUTPUTS.indices.forall { (i: Int) => i < 2 || i.toLong >= shards + 2L || gatewayOk(i) } &&
        (if (proposing) {
          // The terms, fixed here and changed later only by both committees; the partner is another
          // community; the line remembers this tree, by which it recognises the two community boxes.
          ids.slice(32, 64) != communityId && ids.slice(64, 96) == blake2b256(SELF.propositionBytes) &&
            // exactly one line token is minted: a second one could pose as the line to its gateways
            OUTPUTS.filter { (b: Box) => b.tokens.exists { (t: (Coll[Byte], Long)) => t._1 == SELF.id } }.size == 1 &&
            terms.size == 7 && terms(0) >= 1L && terms(0) <= maxRate && terms(1) >= 1L && terms(1) <= maxRate &&
            terms(2) >= 0L && terms(2) <= 4611686018427387903L && terms(3) >= 0L && terms(3) <= 4611686018427387903L &&
            terms(4) >= 0L && terms(4) < 10000L && terms(5) >= 0L && terms(5) < 10000L &&
            terms(4) + terms(5) >= 1L &&   // a fee, so a loop of gateways needs a debited (signing) member
            line.R6[Coll[Long]].get == Coll(0L, 0L, 0L) && line.R7[Coll[Long]].get.size == 0 && line.R8[Int].isEmpty &&
            line.creationInfo._1 >= recent && line.value > line.bytes.size.toLong * lineFloorFactor
        } else {
          // Accepting: the proposed line is spent here (its contract checks its successor), and it
          // is A's: A's end of shard 0, which only A's propose can create with this line's id,
          // is read (a line-script box minted elsewhere would take B's seats for nothing).
          // The line opens here: a dormant proposal's refresh would keep it "proposed", and B's
          // gateways made twice for one line could pair a second set with A's ends.
          line.R6[Coll[Long]].get == Coll(1L, 0L, 0L) && INPUTS.exists { (b: Box) =>
            b.tokens == line.tokens && blake2b256(b.propositionBytes) == lineHash && b.R6[Coll[Long]].get(0) == 0L
          } && CONTEXT.dataInputs.exists { (g: Box) =>
            g.tokens == Coll((ids.slice(0, 32), 1L)) && blake2b256(g.propositionBytes) == gatewayHash &&
              g.R7[Coll[Byte]].get == lineId ++ Coll(0.toByte, 0.toByte)
          }
        })
    }
  //#endif

  //#if econ
  //#else
  // Exchange desk (version 6, docs/desk.md), the committee: one seat goes to a desk box at balance
  // 0 under the desk tree (known by its hash), its terms bounded, its committee this one, its id
  // this box's id (unique forever), nothing pending, no buyers yet; the desk's own script rules
  // every spend after this one.
  // The checks sit in a lambda over the desk-script outputs: sigmastate evaluates a block's
  // register reads even when the conjunction before it is false, so reading OUTPUTS(1) directly
  // would fail every join (its account is there, with other register types).
  val deskOk = { (desk: Box) =>
    val terms = desk.R4[(Coll[Long], Coll[Byte])].get
    val t = terms._1
    val pending = desk.R8[(Coll[Long], Coll[Byte])].get
    val ledger = desk.R9[(Coll[Long], Coll[Coll[Byte]])].get
    val deskBounds = Coll(maxDeskRate, maxDeskRate, 9999L, 9999L, maxUnits, dormantBlocks.toLong, maxUnits,
      dormantBlocks.toLong, dormantBlocks.toLong, maxUnits)
    desk.tokens == Coll((communityId, 1L)) &&
      t.size == 10 && t.indices.forall { (i: Int) => t(i) >= 0L && t(i) <= deskBounds(i) } &&
      t(0) >= 1L && t(1) >= 1L && t(8) >= 1L && t(9) == maxUnits && (t(6) == 0L || t(5) >= 1L) &&
      (terms._2.size == 0 || terms._2.size == 32) &&
      desk.R5[Long].get == 0L && desk.R6[SigmaProp].get.propBytes == committee.propBytes &&
      desk.R7[Coll[Byte]].get == SELF.id &&
      pending._1.size == 0 && pending._2.size == 0 && ledger._1 == Coll(0L) && ledger._2.size == 0 &&
      desk.creationInfo._1 >= recent && desk.value > (desk.bytes.size.toLong + 8L) * deskFloorFactor
  }
  val desks = OUTPUTS.filter { (b: Box) => blake2b256(b.propositionBytes) == deskHash }
  val openDesk = accountsIn.size == 0 && accountsOut.size == 0 && rulesKept && outState == state &&
    remaining > 1L && outRemaining == remaining - 1L && desks.size == 1 && desks.forall(deskOk) &&
    // the seat goes to the desk and nowhere else
    OUTPUTS.filter { (b: Box) => b.tokens.exists { (u: (Coll[Byte], Long)) => u._1 == communityId } }.size == 2

  // Escrows (version 7, docs/escrow.md), a member: one seat goes to an idle escrow box under the
  // escrow tree (known by its hash), idle (balance 0, no order, well-typed registers: an escrow its
  // own script could not read would hold the seat forever), owned by the key of the one account in
  // the transaction (whose own script demands that key), its id this box's id, above twice its
  // storage fee (as a desk); opening pays the joining fee, as a seat taken by a join does. Closing brings a seat back:
  // only an escrow's script lets a unit go that way (an account here is an exit; desks and
  // gateways keep theirs), and the escrow checks the rest.
  val escrowOk = { (e: Box) =>
    e.tokens == Coll((communityId, 1L)) && e.R5[Long].get == 0L && e.R7[Coll[Byte]].get == SELF.id &&
      e.R4[Coll[Long]].get.size == 0 && e.R6[Coll[Byte]].get.size == 0 && e.R9[Coll[Byte]].get.size == 0 &&
      e.R8[SigmaProp].get.propBytes == accountsIn(0).R4[SigmaProp].get.propBytes &&
      e.value > (e.bytes.size.toLong + 8L) * deskFloorFactor
  }
  val escrows = OUTPUTS.filter { (b: Box) => blake2b256(b.propositionBytes) == escrowHash }
  val openEscrow = accountsIn.size == 1 && accountsOut.size == 1 && rulesKept && outState == state &&
    remaining > 1L && outRemaining == remaining - 1L && out.value >= SELF.value + policy(2) &&
    escrows.size == 1 && escrows.forall(escrowOk) &&
    // the seat goes to the escrow and nowhere else (the account keeps its own unit)
    OUTPUTS.filter { (b: Box) => b.tokens.exists { (u: (Coll[Byte], Long)) => u._1 == communityId } }.size == 3
  val closeEscrow = accountsIn.size == 0 && accountsOut.size == 0 && rulesKept && outState == state &&
    outRemaining == remaining + 1L && out.value >= SELF.value
  //#endif

  //#if econ
  sigmaProp(successorOk && (join || exit || refresh || sweep)) || (sigmaProp(successorOk && govern) && committee)
  //#else
  sigmaProp(successorOk && govKept && (join || exit || refresh || openEscrow || closeEscrow)) ||
    (sigmaProp(successorOk && govKept && (openLine || openDesk)) && committee) ||
    (sigmaProp(successorOk && (govKept || switch) && govern) && authority)
  //#endif
}
