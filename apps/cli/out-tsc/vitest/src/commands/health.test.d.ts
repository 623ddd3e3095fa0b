export {};
//# sourceMappingURL=health.test.d.ts.map