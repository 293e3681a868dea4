{
  // Bond box (docs/loans.md): ERG a bank posts beside a loan it offers, for the investor to claim
  // missed instalments from. It is spendable only together with the genuine loan box: the one box
  // under the loan tree (known here by its hash) holding the loan token named in R4.
  //   R4 Coll[Byte]  loanId: the loan token's id
  //   value          the bond, plus more than two storage fees that stay until release
  // Paths: claim (the loan goes on and records a claim: exactly that much leaves this box, the
  // rest stays in one successor); cancel or release (the loan ends, its token burnt: the bank,
  // named by the loan, signs, and the bond is its own again).
  val loanId = SELF.R4[Coll[Byte]].get
  // The lambdas are written out at each use: ergo-lib's diagnostic printer hangs on a refused
  // script that names a lambda and uses it twice.
  val loansIn = INPUTS.filter { (b: Box) =>
    blake2b256(b.propositionBytes) == loanHash && b.tokens.size == 1 && b.tokens(0)._1 == loanId
  }
  val loansOut = OUTPUTS.filter { (b: Box) =>
    blake2b256(b.propositionBytes) == loanHash && b.tokens.size == 1 && b.tokens(0)._1 == loanId
  }
  // One bond of a loan per transaction, so one claim cannot be paid twice by two bonds.
  val single = loansIn.size == 1 && INPUTS.filter { (b: Box) =>
    b.propositionBytes == SELF.propositionBytes && b.R4[Coll[Byte]].get == loanId
  }.size == 1
  if (single && loansOut.size == 1) {
    val claimed = loansIn(0).R6[Coll[Long]].get(3)
    val taken = loansOut(0).R6[Coll[Long]].get(3) - claimed
    val bonds = OUTPUTS.filter { (b: Box) =>
      b.propositionBytes == SELF.propositionBytes && b.R4[Coll[Byte]].get == loanId
    }
    sigmaProp(taken > 0L && bonds.size == 1 && bonds(0).value == SELF.value - taken &&
      bonds(0).tokens.size == 0 && bonds(0).creationInfo._1 >= HEIGHT - maxAgeBlocks &&
      bonds(0).value > (bonds(0).bytes.size.toLong + 8L) * floorFactor)
  } else {
    if (single && loansOut.size == 0) loansIn(0).R7[SigmaProp].get else sigmaProp(false)
  }
}
