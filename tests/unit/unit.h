/* What every unit test program shares: run its suite, fail on failure. */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>

static inline int
unit_run(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? 0 : 1);
}

#endif
