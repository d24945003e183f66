/** Another row already holds this unique value: a producer's registration number, a product's GTIN. */
export class DuplicateError extends Error {
  constructor(readonly field: 'registrationNo' | 'gtin') {
    super(`duplicate ${field}`);
  }
}
