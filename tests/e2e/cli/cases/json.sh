# SPDX-License-Identifier: MIT
# --json: every command's output is one JSON document that a real parser (jq)
# reads, and its counters say what was done, also after a failure.

case_json_list() {
    cli_sim --devices 3 -- list --json
    expect_rc 0
    # F405: 4 x 16 KiB, 1 x 64 KiB, 7 x 128 KiB (the profile's layout string).
    expect_json 'length == 3 and all(.[]; .mode == "bootloader" and .vid == 1155 and .pid == 57105
        and (.alts[0].regions | map(.sectors)) == [4, 1, 7])'
}

case_json_list_none() {
    cli_sim -- list --json --serial NO-SUCH-SERIAL
    expect_rc 0
    expect_json '. == []'
}

case_json_list_escapes_strings() {
    # A serial number with a quote and a backslash stays one valid string.
    cli_sim --serial 'A"B\C' -- list --json
    expect_rc 0
    expect_json '.[0].serial == "A\"B\\C"'
}

case_json_info() {
    cli_sim --profile STM32F405 -- info --json
    expect_rc 0
    expect_json '.series == "STM32F2/F4" and .option_bytes.address == 536854528
        and .option_bytes.fields.RDP == 170 and .read_protected == false and .rdp_level == 0'
}

case_json_info_read_protected() {
    cli_sim --read-protected -- info --json
    expect_rc 0
    expect_json '.option_bytes == null and .read_protected == true and .rdp_level == null'
}

case_json_flash() {
    make_app
    cli_sim -- flash --json --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_json '.exit_code == 0 and .sectors_touched == 5 and .bytes_written == 70000
        and .bytes_verified == 70000 and .left == true and .application_seen == true'
    expect_dump "$WORK/app.bin" $APP
}

case_json_flash_write_fails() {
    make_app
    # The first 16 KiB sector is written, the write at 0x08004000 fails.
    cli_sim --fault errWRITE@addr=0x08004000 -- flash --json --address $APP "$WORK/app.bin"
    expect_rc 76
    expect_json '.exit_code == 76 and .bytes_written == 16384 and .bytes_verified == 0
        and .left == false'
    head -c 16384 "$WORK/app.bin" >"$WORK/written.bin"
    expect_dump "$WORK/written.bin" $APP
    expect_blank 0x08004000 4096
}

case_json_flash_verify_fails() {
    make_app
    # Programming flips bit 0 at 0x08001000: 4096 bytes compare equal before it.
    cli_sim --fault bitflip@addr=0x08001000 -- flash --json --address $APP "$WORK/app.bin"
    expect_rc 76
    expect_json '.exit_code == 76 and .bytes_written == 70000 and .bytes_verified == 4096
        and .left == false'
}

case_json_flash_all() {
    make_app
    cli_sim --devices 2 -- flash --all --json --address $APP "$WORK/app.bin"
    expect_rc 0
    expect_json '.exit_code == 0 and (.devices | length) == 2
        and all(.devices[]; .exit_code == 0 and .bytes_written == 70000 and .serial != "")
        and (.devices | map(.serial[-2:]) | sort) == ["-1", "-2"]'
    expect_dump "$WORK/app.bin" $APP "$WORK/dump.bin.1"
    expect_dump "$WORK/app.bin" $APP "$WORK/dump.bin.2"
}

# Failures before a device is chosen: still one document, with the exit
# status and the message of standard error.
case_json_flash_no_device() {
    make_app
    cli_sim -- flash --json --serial NO-SUCH-SERIAL --address $APP "$WORK/app.bin"
    expect_rc 69
    expect_json '.exit_code == 69 and (.error | test("no DFU device has --serial NO-SUCH-SERIAL"))'
    expect_err "no DFU device has --serial NO-SUCH-SERIAL"
}

case_json_flash_bad_image() {
    printf ':00000001FF\n' >"$WORK/empty.hex"
    cli_sim -- flash --json "$WORK/empty.hex"
    expect_rc 65
    expect_json '.exit_code == 65 and (.error | test("the image holds no data"))'
    expect_blank $APP 4096
}

case_json_flash_usage() {
    make_app
    cli_sim -- flash --json --address nowhere "$WORK/app.bin"
    expect_rc 64
    expect_json '.exit_code == 64 and (.error | test("--address"))'
}

case_json_option_bytes() {
    cli_sim --profile STM32F405 -- option-bytes --json
    expect_rc 0
    expect_json '.exit_code == 0 and .error == null and .written == false and .changes == []
        and .series == "STM32F2/F4" and .option_bytes.address == 536854528
        and .option_bytes.fields.BOR_LEV == 3 and .read_protected == false and .rdp_level == 0'
}

case_json_option_bytes_set() {
    # RM0090 Rev 19 §3.7.1: BOR_LEV bits 3:2 of the USER byte (0xEC -> 0xE4).
    cli_sim --profile STM32F405 -- option-bytes --json --set BOR_LEV=1
    expect_rc 0
    expect_json '.exit_code == 0 and .written == true
        and .changes == [{"field": "BOR_LEV", "from": 3, "to": 1, "meaning": null}]
        and .option_bytes.fields.BOR_LEV == 1 and (.option_bytes.bytes | startswith("E4AA"))'
}

case_json_option_bytes_set_already() {
    cli_sim --profile STM32F405 -- option-bytes --json --set BOR_LEV=3
    expect_rc 0
    expect_json '.exit_code == 0 and .written == false and .changes[0].from == 3
        and .option_bytes.fields.BOR_LEV == 3'
}

case_json_option_bytes_interlock() {
    cli_sim --profile STM32F405 -- option-bytes --json --set RDP=0xCC
    expect_rc 64
    expect_err "give --allow-permanent-lock"
    expect_json '.exit_code == 64 and (.error | contains("--allow-permanent-lock"))
        and .written == false and .changes[0].to == 204
        and .option_bytes.fields.RDP == 170 and .rdp_level == 0'
}

case_json_option_bytes_unknown_field() {
    cli_sim --profile STM32F405 -- option-bytes --json --set BFB2=1
    expect_rc 64
    expect_json '.exit_code == 64 and .written == false and .changes == []'
}

case_json_option_bytes_set_rdp_level1() {
    # Level 1 refuses the read-back: that refusal is the proof, exit 0.
    cli_sim --profile STM32F405 -- option-bytes --json --set RDP=0xBB
    expect_rc 0
    expect_json '.exit_code == 0 and .written == true and .option_bytes == null
        and .read_protected == true and .rdp_level == null'
}

case_json_option_bytes_read_protected() {
    cli_sim --read-protected -- option-bytes --json
    expect_rc 0
    expect_json '.written == false and .option_bytes == null and .read_protected == true'
}

case_json_option_bytes_usage() {
    cli_sim -- option-bytes --json --set NOEQUALS
    expect_rc 64
    expect_json '.exit_code == 64 and (.error | startswith("--set '"'"'NOEQUALS'"'"': give FIELD=VALUE"))'
}

case_json_option_bytes_no_device() {
    cli_sim -- option-bytes --json --serial NO-SUCH-SERIAL
    expect_rc 69
    expect_json '.exit_code == 69 and (.error | length > 0) and (has("written") | not)'
}
