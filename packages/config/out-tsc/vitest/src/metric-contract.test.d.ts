export {};
//# sourceMappingURL=metric-contract.test.d.ts.map