from kernkompas.cli import main

main()
