{
  // Batch settlement box, contract version 5 (docs/batches.md). Anyone may create one; it holds no
  // authority, only this script. Spent as INPUTS(0), it checks a whole batch of signed payment
  // orders between the accounts of one community (plain family) in one pass: every account of the
  // transaction leans on it (the account script recognises this tree and checks nothing itself),
  // so each account input costs a constant and the batch costs time linear in its size.
  //
  // Layout: INPUTS(1..n) are the accounts, OUTPUTS(0..n-1) their successors in the same order;
  // other inputs (the settler's wallet, which pays the fee: single-key boxes only) and outputs
  // come after them.
  // Context variables of this input (leg j = one order; a = account a, at INPUTS(a + 1)):
  //   0 Int                 n, the number of accounts
  //   1 Coll[Int]           payer input index of each leg, non-decreasing (a payer's orders together,
  //                         in sequence order)
  //   2 Coll[Int]           payee input index of each leg
  //   3 Coll[Long]          amount of each leg (> 0)
  //   4 Coll[Long]          expiry height of each leg's order
  //   5 Coll[GroupElement]  signature commitment of each leg's order
  //   6 Coll[BigInt]        signature response of each leg's order
  //   7 Coll[Int]           offset: the leg's place among its payer's legs (sequence = nextSeq + offset)
  //   8 Coll[Long]          running sum of the amounts of the payer's legs up to this one
  //   9 Coll[Int]           the legs in payee order: a permutation whose payees are non-decreasing
  //  10 Coll[Int]           its inverse (inverse(byPayee(k)) == k for every k proves it a permutation)
  //  11 Coll[Long]          running sum of a payee's received amounts, in payee order
  //  12 Coll[Long]          per account: units sent (sum of its legs as payer)
  //  13 Coll[Long]          per account: units received (sum of its legs as payee)
  //  14 Coll[Int]           per account: orders settled (its legs as payer)
  // The per-account claims (12-14) are checked where each payer's or payee's legs end; their sums
  // equal the legs' totals and none is negative, so an account with no legs claims 0.
  val n = getVar[Int](0).get
  val payers = getVar[Coll[Int]](1).get
  val payees = getVar[Coll[Int]](2).get
  val amounts = getVar[Coll[Long]](3).get
  val expiries = getVar[Coll[Long]](4).get
  val commitments = getVar[Coll[GroupElement]](5).get
  val responses = getVar[Coll[BigInt]](6).get
  val offsets = getVar[Coll[Int]](7).get
  val sentSums = getVar[Coll[Long]](8).get
  val byPayee = getVar[Coll[Int]](9).get
  val inverse = getVar[Coll[Int]](10).get
  val receivedSums = getVar[Coll[Long]](11).get
  val sent = getVar[Coll[Long]](12).get
  val received = getVar[Coll[Long]](13).get
  val counts = getVar[Coll[Int]](14).get
  val legs = payers.indices
  val last = payers.size - 1
  // Every leg column has exactly one entry per leg: an amount past the last leg would count in
  // the totals and be absorbed by a claim no leg checks (found by the adversary tests).
  val size = payers.size
  val columnsOk = payees.size == size && amounts.size == size && expiries.size == size &&
    commitments.size == size && responses.size == size && offsets.size == size &&
    sentSums.size == size && byPayee.size == size && inverse.size == size && receivedSums.size == size
  val accounts = sent.indices
  val members = INPUTS(1).tokens                    // (communityId, 1): the batch's community
  val communityId = members(0)._1
  // The accounts' tree. Only genuine accounts lean on this script, and none can be elsewhere than
  // at 1..n (every other input is a plain key's box), so if any input is a genuine account, all of
  // 1..n are genuine accounts of its community and this script checks each of them.
  val accountScript = INPUTS(1).propositionBytes
  val recent = HEIGHT - maxAgeBlocks

  // A payer's legs: contiguous, numbered from 0, summed as they go; where they end, the sums and
  // the count are the payer's claims. Every leg is an order the payer's key signed (Schnorr, strong
  // Fiat-Shamir: e from H(commitment, message, key), g^z = commitment * key^e) over the community,
  // both account ids, the amount, its sequence number and its expiry, still valid now.
  val payerLegsOk = legs.forall { (j: Int) =>
    val p = payers(j)
    val payer = INPUTS(p)
    val starts = j == 0 || payers(j - 1) != p
    // Only a single key signs orders: a threshold owner's bytes could hide a key one co-owner
    // holds alone (found by the adversary tests).
    val ownerBytes = payer.R4[SigmaProp].get.propBytes
    val key = decodePoint(ownerBytes.slice(3, 36))
    val message = orderTag ++ communityId ++ payer.R7[Coll[Byte]].get ++ INPUTS(payees(j)).R7[Coll[Byte]].get ++
      longToByteArray(amounts(j)) ++ longToByteArray(payer.R9[Long].get + offsets(j).toLong) ++
      longToByteArray(expiries(j))
    // The challenge: the hash's last 31 bytes as a positive number (sigma-rust exponentiates by
    // non-negative numbers only; 248 bits are ample for a challenge).
    val hash = blake2b256(commitments(j).getEncoded ++ message ++ key.getEncoded)
    val challenge = byteArrayToBigInt(Coll(0.toByte) ++ hash.slice(1, 32))
    p >= 1 && p <= n && payees(j) >= 1 && payees(j) <= n && payees(j) != p &&
      amounts(j) > 0L && HEIGHT.toLong <= expiries(j) &&
      (j == 0 || payers(j - 1) <= p) &&
      offsets(j) == (if (starts) 0 else offsets(j - 1) + 1) &&
      sentSums(j) == amounts(j) + (if (starts) 0L else sentSums(j - 1)) &&
      (if (j == last || payers(j + 1) != p) sentSums(j) == sent(p - 1) && offsets(j) + 1 == counts(p - 1) else true) &&
      ownerBytes.size == 36 && ownerBytes(0) == 0.toByte && ownerBytes(1) == 8.toByte && ownerBytes(2) == -51.toByte &&
      // a non-negative response: sigma-rust refuses to exponentiate by a negative one
      responses(j) >= 0.toBigInt &&
      groupGenerator.exp(responses(j)) == commitments(j).multiply(key.exp(challenge))
  }

  // The same legs in payee order: each payee's legs together, summed; where they end, the sum is
  // the payee's claim.
  val payeeLegsOk = byPayee.indices.forall { (k: Int) =>
    val j = byPayee(k)
    val q = payees(j)
    val starts = k == 0 || payees(byPayee(k - 1)) != q
    inverse(j) == k &&
      (k == 0 || payees(byPayee(k - 1)) <= q) &&
      receivedSums(k) == amounts(j) + (if (starts) 0L else receivedSums(k - 1)) &&
      (if (k == last || payees(byPayee(k + 1)) != q) receivedSums(k) == received(q - 1) else true)
  }

  val total = amounts.fold(0L, { (s: Long, a: Long) => s + a })
  val claimsOk = accounts.size == n && received.size == n && counts.size == n &&
    sent.fold(0L, { (s: Long, a: Long) => s + a }) == total &&
    received.fold(0L, { (s: Long, a: Long) => s + a }) == total &&
    counts.fold(0, { (s: Int, c: Int) => s + c }) == payers.size

  // Every account: the same account after (owner, terms, id, script, unit), its balance moved by
  // exactly what it received less what it sent, within its floor and cap, its sequence moved past
  // the orders settled, its ERG kept (the settler pays the fee), activity as in a payment. An
  // account with no leg may not be in a batch (nobody may re-spend a box for nothing).
  val accountsOk = accounts.forall { (a: Int) =>
    val box = INPUTS(a + 1)
    val out = OUTPUTS(a)
    val terms = box.R6[Coll[Long]].get
    val balance = box.R5[Long].get
    val newBalance = out.R5[Long].get
    val was = box.R8[Long].get
    val lastActive = out.R8[Long].get
    box.propositionBytes == accountScript && box.tokens == members &&
      out.propositionBytes == accountScript && out.tokens == members &&
      out.R4[SigmaProp].get == box.R4[SigmaProp].get &&
      out.R6[Coll[Long]].get == terms &&
      out.R7[Coll[Byte]].get == box.R7[Coll[Byte]].get &&
      sent(a) >= 0L && received(a) >= 0L && counts(a) >= 0 && (received(a) > 0L || counts(a) > 0) &&
      newBalance == balance + received(a) - sent(a) &&
      newBalance + terms(0) >= 0L && newBalance <= terms(1) &&
      out.R9[Long].get == box.R9[Long].get + counts(a).toLong &&
      out.value >= box.value && out.creationInfo._1 >= recent &&
      // The settler writes activity, not the owner: never below the last recorded activity, and
      // at most `batchAgeBlocks` old (a settlement waits in the mempool a few blocks at most), so
      // no settler can bring a member's default closer (found by the adversary tests).
      (if (counts(a) > 0 || balance < 0L) lastActive >= was && lastActive >= HEIGHT - batchAgeBlocks && lastActive <= HEIGHT
       else lastActive == was)
  }

  // Every other input is a single key's box (the settler's wallet): no account beyond n can lean
  // on this script unchecked, and no community box or gateway takes part.
  val othersOk = INPUTS.indices.forall { (i: Int) =>
    val tree = INPUTS(i).propositionBytes
    i <= n || (tree.size == 36 && tree(0) == 0.toByte && tree(1) == 8.toByte && tree(2) == -51.toByte)
  }

  sigmaProp(n >= 1 && columnsOk && claimsOk && payerLegsOk && payeeLegsOk && accountsOk && othersOk)
}
