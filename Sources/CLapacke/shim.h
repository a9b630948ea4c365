#ifndef STIPPLE_CLAPACKE_SHIM_H
#define STIPPLE_CLAPACKE_SHIM_H
#include <lapacke.h>
/* lapack_int is a macro, which Swift cannot see; give it a typedef. */
typedef lapack_int clapack_int;
#endif
