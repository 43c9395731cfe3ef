"""Fair waiting lists: a freed place offered to the first person waiting, with a
deadline, passed on when unanswered; never more offers out than places free."""
