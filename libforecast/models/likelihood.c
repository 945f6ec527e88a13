/* likelihood.c - Gaussian log-likelihood and information criteria (likelihood.h). */
#include "likelihood.h"

#include <math.h>

static const double TWO_PI = 6.283185307179586476925286766559;

double lf_gaussian_loglik(double ssr, double n)
{
    return -n / 2 * (log(TWO_PI * ssr / n) + 1);
}

void lf_criteria(double loglik, double n, double k, double *aic, double *aicc, double *bic)
{
    *aic = -2 * loglik + 2 * k;
    *bic = -2 * loglik + k * log(n);
    *aicc = n - k - 1 > 0 ? *aic + 2 * k * (k + 1) / (n - k - 1) : INFINITY;
}
