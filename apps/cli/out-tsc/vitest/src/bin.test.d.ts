export {};
//# sourceMappingURL=bin.test.d.ts.map