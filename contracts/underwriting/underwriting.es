{
  // Underwriting box, contract version 8 (plain family; docs/underwriting.md): ERG an underwriter
  // locks to raise one account's credit limit. It is not a member (it holds no membership unit) and
  // no payment spends it. The account lets an underwriting box bound to it (by R5, known by this
  // tree's hash, younger than a storage period so that this script ran) change its terms, and this
  // script says how: an accepted offer appends an entry and raises the limit, a withdrawal removes
  // one and lowers it, and an exit (leave, default, dormant close) must bring every entry's box.
  //   tokens  none while an offer; exactly (stakeId, 1) once accepted, minted by the acceptance
  //   R4 SigmaProp    the underwriter
  //   R5 Coll[Byte]   accountId of the account it backs
  //   R6 Coll[Long]   [raise, premium]: units of credit added; units the member pays at acceptance
  //   R7 Coll[Byte]   communityId
  //   R8 Coll[Byte]   accountId that receives the premium (empty when the premium is 0)
  //   value           the stake
  // The account's terms (R6) while backed: [creditLimit, positiveCap, collateral, inactivity,
  // joinedHeight, backed, hi1, lo1, hi2, lo2, ...]: creditLimit includes the raises, backed is
  // their sum, and each (hi, lo) is the first 16 bytes of an accepted box's stakeId as two Longs.
  val underwriter = SELF.R4[SigmaProp].get
  val accountId = SELF.R5[Coll[Byte]].get
  val deal = SELF.R6[Coll[Long]].get
  val raise = deal(0)
  val premium = deal(1)
  val communityId = SELF.R7[Coll[Byte]].get
  val unit = Coll((communityId, 1L))
  val recent = HEIGHT - maxAgeBlocks
  // The account's box: this community's member with this accountId. The token first: only members
  // hold the unit, and all of them keep a Coll[Byte] id in R7. Not the first input: that is the
  // offer or the stake on the paths that change an account, and the community box on an exit (a
  // full one holds the unit too, with R7 of another type). The paths that check no account (cancel,
  // refresh) refuse a member first, so no account can hide there. (Lambdas are written out where
  // they are used: sigma-rust does not apply a lambda that another lambda returns.)
  val boundIn = INPUTS.slice(1, INPUTS.size).filter { (b: Box) => b.tokens == unit && b.R7[Coll[Byte]].get == accountId }
  val firstFree = INPUTS(0).tokens != unit
  val boundOut = OUTPUTS.filter { (b: Box) => b.tokens == unit && b.R7[Coll[Byte]].get == accountId }
  val hi = { (id: Coll[Byte]) => byteArrayToLong(id.slice(0, 8)) }
  val lo = { (id: Coll[Byte]) => byteArrayToLong(id.slice(8, 16)) }

  if (SELF.tokens.size == 0) {
    // An offer. Without its account in the transaction, only the underwriter may take it back.
    // With it, the account's owner accepts: the stake moves, whole, into a box holding a token
    // minted here (its id: INPUTS(0).id, the only id a transaction can mint), and the account's
    // successor gets the raise and the entry.
    // (Each path's lambdas live in its own branch: the compiler hoists what does not depend on a
    // lambda's argument into the enclosing block, which then evaluates it eagerly.)
    if (boundIn.size == 0) sigmaProp(firstFree) && underwriter else {
      val accept = { (a: Box) =>
        val out = boundOut(0)
        val terms = a.R6[Coll[Long]].get
        val next = out.R6[Coll[Long]].get
        val n = terms.size
        val backed = if (n > 5) terms(5) else 0L
        val base = terms(0) - backed
        val minted = SELF.id                         // the first input's: one offer per acceptance
        val stakes = OUTPUTS.filter { (b: Box) => b.tokens.size == 1 && b.tokens(0)._1 == minted }
        val paid = { (who: Coll[Byte]) =>
          val ins = INPUTS.filter { (b: Box) => b.tokens == unit && b.R7[Coll[Byte]].get == who }
          val outs = OUTPUTS.filter { (b: Box) => b.tokens == unit && b.R7[Coll[Byte]].get == who }
          ins.size == 1 && outs.size == 1 && outs(0).R5[Long].get - ins(0).R5[Long].get == premium
        }
        // All of the minted token in one box, amount 1: nothing else can ever pass for this stake.
        INPUTS(0).id == minted && stakes.size == 1 && OUTPUTS.forall { (b: Box) =>
          b.tokens.forall { (t: (Coll[Byte], Long)) => t._1 != minted } || b.tokens == Coll((minted, 1L))
        } && stakes.forall { (stake: Box) =>
          stake.propositionBytes == SELF.propositionBytes &&
            stake.R4[SigmaProp].get.propBytes == underwriter.propBytes &&
            stake.R5[Coll[Byte]].get == accountId && stake.R6[Coll[Long]].get == deal &&
            stake.R7[Coll[Byte]].get == communityId && stake.R8[Coll[Byte]].get == SELF.R8[Coll[Byte]].get &&
            stake.value >= SELF.value && stake.creationInfo._1 >= recent &&
            // more than two storage fees, as desks and escrows: rent needs three periods to take it
            stake.value > (stake.bytes.size.toLong + 8L) * floorFactor
        } &&
          out.propositionBytes == a.propositionBytes &&
          raise > 0L && base > 0L && terms(2) > 0L && n < 6 + 2 * maxBackers &&
          // at least the community's own price of credit: collateral per unit of the limit at join
          SELF.value.toBigInt * base.toBigInt >= raise.toBigInt * terms(2).toBigInt &&
          next == Coll(terms(0) + raise) ++ terms.slice(1, 5) ++ Coll(backed + raise) ++
            terms.slice(6, n) ++ Coll(hi(minted), lo(minted)) &&
          next(0) <= terms(1) &&                     // never beyond the positive cap (sums stay in Long)
          (if (premium == 0L) out.R5[Long].get == a.R5[Long].get
           else premium > 0L && SELF.R8[Coll[Byte]].get != accountId && paid(SELF.R8[Coll[Byte]].get) &&
             out.R5[Long].get == a.R5[Long].get - premium)
      }
      sigmaProp(boundIn.size == 1 && boundOut.size == 1 && boundIn.forall(accept)) && boundIn(0).R4[SigmaProp].get
    }
  } else {
    val token = SELF.tokens(0)._1
    val burnt = OUTPUTS.forall { (b: Box) => b.tokens.forall { (t: (Coll[Byte], Long)) => t._1 != token } }
    if (boundIn.size == 0) {
      // Refresh, anyone: a dormant stake recreated unchanged, alone, before rent could reach it.
      val same = OUTPUTS.filter { (b: Box) =>
        b.tokens == SELF.tokens && b.propositionBytes == SELF.propositionBytes &&
          b.R4[SigmaProp].get.propBytes == underwriter.propBytes && b.R5[Coll[Byte]].get == accountId &&
          b.R6[Coll[Long]].get == deal && b.R7[Coll[Byte]].get == communityId &&
          b.R8[Coll[Byte]].get == SELF.R8[Coll[Byte]].get && b.value >= SELF.value &&
          b.creationInfo._1 >= recent
      }
      sigmaProp(firstFree && SELF.creationInfo._1 <= HEIGHT - dormantBlocks && same.size == 1)
    } else if (boundOut.size == 0) {
      // Exit: the account leaves or is closed (its own script requires the genuine community box
      // first, and, while backed, an underwriting box bound to it). Every entry's box must be here,
      // so none is left behind. Of each stake the community's committee receives the share of the
      // raise in use (the debt below the un-raised floor, pro rata to the raises), the underwriter
      // the rest; each output names the stake it pays for (R4 = this box's id), so no output
      // counts twice.
      val settle = { (a: Box) =>
        val terms = a.R6[Coll[Long]].get
        val backed = terms(5)
        val shortfall = 0L - a.R5[Long].get - (terms(0) - backed)
        val used = if (shortfall <= 0L) 0L else if (shortfall > backed) backed else shortfall
        val value = SELF.value.toBigInt
        val lost = (value * used.toBigInt + backed.toBigInt - 1.toBigInt) / backed.toBigInt
        // An output that pays for this stake: to the key, naming the stake, and not at the place
        // where the community contract pays a closed account's owner (OUTPUTS(i) for a member at
        // INPUTS(i)), so no output counts twice.
        val pays = { (p: (Coll[Byte], BigInt)) =>
          p._2 <= 0.toBigInt || OUTPUTS.indices.exists { (j: Int) =>
            val b = OUTPUTS(j)
            b.propositionBytes == p._1 && b.R4[Coll[Byte]].getOrElse(Coll[Byte]()) == SELF.id &&
              b.value.toBigInt >= p._2 && (j >= INPUTS.size || INPUTS(j).tokens != unit)
          }
        }
        val committee = INPUTS(0).R5[SigmaProp].get.propBytes
        terms.size > 6 && terms.indices.forall { (k: Int) =>
          k < 6 || k % 2 == 1 || INPUTS.exists { (b: Box) =>
            b.propositionBytes == SELF.propositionBytes && b.tokens.size == 1 &&
              b.R5[Coll[Byte]].get == accountId && hi(b.tokens(0)._1) == terms(k) && lo(b.tokens(0)._1) == terms(k + 1)
          }
        } &&
          // one output when the committee underwrote: the whole stake to it
          (if (committee == underwriter.propBytes) pays((committee, value))
           else pays((committee, lost)) && pays((underwriter.propBytes, value - lost)))
      }
      sigmaProp(boundIn.size == 1 && INPUTS(0).tokens(0)._1 == communityId && burnt &&
        boundIn.forall(settle))
    } else {
      // Withdraw, the underwriter: the account stays at the same balance, loses this entry and the
      // raise, and must be above its un-raised floor: nobody loses credit they are using.
      val withdraw = { (a: Box) =>
        val out = boundOut(0)
        val terms = a.R6[Coll[Long]].get
        val next = out.R6[Coll[Long]].get
        val n = terms.size
        val rest = { (k: Int) =>
          if (n == 8) Coll[Long]() else Coll(terms(5) - raise) ++ terms.slice(6, k) ++ terms.slice(k + 2, n)
        }
        out.propositionBytes == a.propositionBytes && out.R5[Long].get == a.R5[Long].get &&
          out.R5[Long].get + next(0) >= 0L &&
          // alone with its account: at the same balance the account asks nobody while this box is
          // here, so no other box of the community (the community box, an escrow, a desk, another
          // member) may lean on its owner's signature in this transaction (found by the adversary)
          INPUTS.forall { (b: Box) => b.id == a.id || b.tokens.forall { (t: (Coll[Byte], Long)) => t._1 != communityId } } &&
          terms.indices.exists { (k: Int) =>
            k >= 6 && k % 2 == 0 && terms(k) == hi(token) && terms(k + 1) == lo(token) &&
              next == Coll(terms(0) - raise) ++ terms.slice(1, 5) ++ rest(k)
          }
      }
      sigmaProp(boundIn.size == 1 && boundOut.size == 1 && burnt && boundIn.forall(withdraw)) && underwriter
    }
  }
}
