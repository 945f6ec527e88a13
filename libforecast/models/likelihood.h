/* likelihood.h (internal) - the Gaussian log-likelihood with the variance
 * concentrated out, and the information criteria, as every model reports them. */
#ifndef LF_MODELS_LIKELIHOOD_H
#define LF_MODELS_LIKELIHOOD_H

/* -n/2 (log(2 pi ssr / n) + 1): the maximum over sigma^2 (= ssr / n). */
double lf_gaussian_loglik(double ssr, double n);

/* AIC = -2 loglik + 2k, BIC = -2 loglik + k log n, AICc = AIC + 2k(k+1)/(n-k-1)
 * (infinite when n - k - 1 <= 0: too few observations to judge k parameters). */
void lf_criteria(double loglik, double n, double k, double *aic, double *aicc, double *bic);

#endif
